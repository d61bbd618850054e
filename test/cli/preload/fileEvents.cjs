"use strict";
// Loaded into the built command line's node by test/cli/saving.test.ts (NODE_OPTIONS=--require):
// something happens to the file system at a chosen moment of a real run, as another program or
// person would make it happen, when the run starts writing its hidden temporary file (the last
// step before the rename over the target). Chosen by CVM_TEST_EVENT; none of it ships.
const fs = require("fs");
const { setTimeout: sleep } = require("timers/promises");

const event = process.env.CVM_TEST_EVENT;
const target = process.env.CVM_TEST_TARGET;
// The bytes someone else saves to the target.
const source = process.env.CVM_TEST_SOURCE;
// "hold": created once the run is writing; the run goes on only when CVM_TEST_GO exists.
const marker = process.env.CVM_TEST_MARKER;
const go = process.env.CVM_TEST_GO;

/** The target saved by someone else: new bytes; with CVM_TEST_KEEP_TIMES, its times put back as they were. */
function saveBySomeoneElse() {
  const before = fs.statSync(target, { throwIfNoEntry: false });
  fs.writeFileSync(target, fs.readFileSync(source));
  if (before && process.env.CVM_TEST_KEEP_TIMES) fs.utimesSync(target, before.atime, before.mtime);
}

async function hold(data, writeFile) {
  const half = Math.floor(data.length / 2);
  await writeFile(data.subarray(0, half));
  fs.writeFileSync(marker, String(process.pid));
  while (!(go && fs.existsSync(go))) await sleep(20);
  return writeFile(data.subarray(half));
}

const onWriting = {
  "save-by-someone-else": saveBySomeoneElse,
  "delete-target": () => fs.unlinkSync(target),
}[event];

if (onWriting || event === "hold") {
  const open = fs.promises.open;
  fs.promises.open = async (file, ...rest) => {
    const handle = await open(file, ...rest);
    if (String(file).endsWith(".tmp")) {
      const writeFile = handle.writeFile.bind(handle);
      handle.writeFile = async (data, ...more) => {
        if (event === "hold") return hold(data, writeFile);
        onWriting();
        return writeFile(data, ...more);
      };
    }
    return handle;
  };
}

/**
 * jsdom's test environment leaves out web globals Node has that zip.js and the xlsx adapter use as
 * they load (streams, text encoding). A jsdom test that reads .xlsx fixtures imports this module
 * before the adapter; what jsdom has is left as it is.
 */
import { ReadableStream, TransformStream, WritableStream } from "node:stream/web";
import { TextDecoder, TextEncoder } from "node:util";

for (const [name, value] of Object.entries({ ReadableStream, TransformStream, WritableStream, TextDecoder, TextEncoder }))
  if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });

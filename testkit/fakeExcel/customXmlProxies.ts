/**
 * The fake's proxies of the workbook's custom XML parts (ExcelApi 1.5), typed against
 * @types/office-js (PartOf in requestQueue.ts): the collection
 * (https://learn.microsoft.com/javascript/api/excel/excel.customxmlpartcollection), the scoped
 * collection getByNamespace gives (https://learn.microsoft.com/javascript/api/excel/excel.customxmlpartscopedcollection)
 * and a part (https://learn.microsoft.com/javascript/api/excel/excel.customxmlpart). What each
 * change does is the model's (model.ts), with its source there.
 */
import { FakeOfficeError, type FakeCustomXmlPart, type WorkbookModel } from "./model";
import { ClientProxy, pick, type Loaded, type PartOf, type RequestQueue } from "./requestQueue";

/**
 * OfficeExtension.ClientResult: "The value of the result that is retrieved from the document after
 * context.sync() is invoked" (https://learn.microsoft.com/javascript/api/office/officeextension.clientresult).
 * Read before that sync, it fails with OfficeExtension.ErrorCodes.valueNotLoaded
 * (https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes); the message is the fake's.
 */
export class FakeClientResult<T> {
  private result?: { readonly value: T };

  get value(): T {
    if (!this.result)
      throw new FakeOfficeError("ValueNotLoaded", "The value of the result object has not been loaded yet: call context.sync() first.");
    return this.result.value;
  }

  set(value: T): void {
    this.result = { value };
  }
}

type ClientResultFace<T> = { readonly value: T };

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "null", "utf8");

type CustomXmlPartFace = Pick<Excel.CustomXmlPart, "id" | "namespaceUri" | "delete" | "setXml"> & {
  getXml(): ClientResultFace<string>;
  load(propertyNames?: string | string[]): CustomXmlPartFace;
};

class CustomXmlPartProxy
  extends ClientProxy<FakeCustomXmlPart>
  implements PartOf<Excel.CustomXmlPart, CustomXmlPartFace, CustomXmlPartProxy>
{
  constructor(queue: RequestQueue, path: string, find: () => FakeCustomXmlPart | undefined) {
    // A part deleted, or not added yet, is ItemNotFound to an action.
    super(queue, path, () => {
      const part = find();
      return part && queue.workbook.customXmlParts.includes(part) ? part : null;
    });
  }

  get id(): string {
    return this.read("id");
  }

  get namespaceUri(): string {
    return this.read("namespaceUri");
  }

  delete(): void {
    this.queueCall("delete", [], (part) => this.queue.workbook.deleteCustomXmlPart(part));
  }

  setXml(xml: string): void {
    this.queueCall("setXml", [xml], (part) => this.queue.workbook.setCustomXml(part, xml));
  }

  /** CustomXmlPart.getXml: "Gets the custom XML part's full XML content" (page above), the text that travels back. */
  getXml(): FakeClientResult<string> {
    const result = new FakeClientResult<string>();
    this.queueCall(
      "getXml",
      [],
      (part, staging) => {
        const xml = part.xml;
        staging.responseBytes += bytesOf(xml);
        staging.commits.push(() => result.set(xml));
      },
      false,
    );
    return result;
  }

  protected override snapshot(props: readonly string[], part: FakeCustomXmlPart | null): Loaded {
    if (!part) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.path}.`);
    return { data: pick(props, { id: () => part.id, namespaceUri: () => part.namespaceUri }, "custom XML part") };
  }
}

/** Proxies of the parts a load found, each marked with what was loaded. */
function loadedParts(queue: RequestQueue, path: string, parts: readonly FakeCustomXmlPart[], items: readonly Record<string, unknown>[]) {
  return parts.map((part, i) => {
    const proxy = new CustomXmlPartProxy(queue, `${path}[${part.id}]`, () => part);
    proxy.markLoaded(items[i]);
    return proxy;
  });
}

type ScopedCollectionFace = {
  readonly items: CustomXmlPartFace[];
  load(propertyNames?: string | string[]): ScopedCollectionFace;
};

/** CustomXmlPartCollection.getByNamespace's result: "whose namespaces match the given namespace", compared as written (a belief). */
class CustomXmlPartScopedCollectionProxy
  extends ClientProxy<{ readonly model: WorkbookModel; readonly namespace: string }>
  implements PartOf<Excel.CustomXmlPartScopedCollection, ScopedCollectionFace, CustomXmlPartScopedCollectionProxy>
{
  get items(): CustomXmlPartProxy[] {
    return this.read("items");
  }

  protected override snapshot(props: readonly string[], scope: { readonly model: WorkbookModel; readonly namespace: string }): Loaded {
    const parts = scope.model.customXmlParts.filter((part) => part.namespaceUri === scope.namespace);
    const items = parts.map((part) => pick(props, { id: () => part.id, namespaceUri: () => part.namespaceUri }, "custom XML part"));
    return { data: { items }, commit: () => this.markLoaded({ items: loadedParts(this.queue, this.path, parts, items) }) };
  }
}

export type CustomXmlPartCollectionFace = {
  add(xml: string): CustomXmlPartFace;
  getByNamespace(namespaceUri: string): ScopedCollectionFace;
};

export class CustomXmlPartCollectionProxy
  extends ClientProxy<WorkbookModel>
  implements PartOf<Excel.CustomXmlPartCollection, CustomXmlPartCollectionFace, CustomXmlPartCollectionProxy>
{
  add(xml: string): CustomXmlPartProxy {
    let created: FakeCustomXmlPart | undefined;
    this.queueCall("add", [xml], (model) => (created = model.addCustomXmlPart(xml)));
    return new CustomXmlPartProxy(this.queue, `${this.path}.add()`, () => created);
  }

  getByNamespace(namespaceUri: string): CustomXmlPartScopedCollectionProxy {
    return new CustomXmlPartScopedCollectionProxy(this.queue, `${this.path}.getByNamespace(${namespaceUri})`, () => ({
      model: this.resolve(),
      namespace: namespaceUri,
    }));
  }
}

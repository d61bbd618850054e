/**
 * The document settings (Office.Settings), as the adapter's SettingsStore takes them: the
 * in-memory copy the add-in reads and changes, and the copy saved in the file.
 * "Persisting add-in state and settings"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings):
 * the property bag "is stored as a serialized JavaScript Object Notation (JSON) object"; "The get,
 * set, and remove methods operate only on the in-memory copy"; "If the setting doesn't exist, the
 * method returns null"; saveAsync persists the in-memory copy to the document.
 */
import type { SettingsStore } from "../../src/adapters/office/documentSettings";

export class FakeSettings implements SettingsStore {
  private readonly values: Map<string, unknown>;
  private saved: Map<string, unknown>;
  saveCount = 0;

  constructor(stored: Readonly<Record<string, unknown>> = {}) {
    this.values = new Map(Object.entries(stored));
    this.saved = new Map(this.values);
  }

  get(key: string): unknown {
    return this.values.has(key) ? this.values.get(key) : null;
  }

  /** Stored as JSON, so only what survives a round trip through it. Belief: that undefined removes the key, as JSON drops it. */
  set(key: string, value: unknown): void {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  }

  /**
   * Settings.remove (https://learn.microsoft.com/javascript/api/office/office.settings#office-office-settings-remove-member(1)):
   * the key goes from the in-memory copy; the file keeps it until saveAsync.
   */
  remove(key: string): void {
    this.values.delete(key);
  }

  async saveAsync(): Promise<void> {
    this.saveCount++;
    this.saved = new Map(this.values);
  }

  /** The settings as the next session would find them in the file. */
  reopen(): FakeSettings {
    return new FakeSettings(Object.fromEntries(this.saved));
  }
}

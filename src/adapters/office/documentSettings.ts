/**
 * The add-in's settings and what-if scenario, kept in the document settings (Office.Settings),
 * which are saved inside the workbook file.
 */
import type { AnalysisOptions } from "../../domain/analysis/result";
import type { Scenario } from "../../domain/whatIf/scenario";
import { SETTING_KEYS, storedOptions } from "../planWorkbook";

/** The document settings, saved inside the workbook file. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Office.Settings.remove: setting null would keep the key (null is a valid value). */
  remove(key: string): void;
  saveAsync(): Promise<void>;
}

function officeSettings(): SettingsStore {
  const settings = Office.context.document.settings;
  return {
    get: (key) => settings.get(key),
    set: (key, value) => settings.set(key, value),
    remove: (key) => settings.remove(key),
    saveAsync: () =>
      new Promise<void>((resolve, reject) =>
        settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(result.error))),
      ),
  };
}

export class DocumentSettings {
  constructor(private settingsStore?: SettingsStore) {}

  // Office is looked up only when used, so the class loads outside Office too.
  private get settings(): SettingsStore {
    this.settingsStore ??= officeSettings();
    return this.settingsStore;
  }

  async loadSettings(): Promise<Partial<AnalysisOptions>> {
    return storedOptions((key) => this.settings.get(key));
  }

  async saveSettings(options: AnalysisOptions): Promise<void> {
    this.settings.set(SETTING_KEYS.tolerance, options.tolerance);
    this.settings.set(SETTING_KEYS.allocationThreshold, options.allocationThreshold);
    await this.settings.saveAsync();
  }

  async loadScenario(): Promise<unknown> {
    // Office.Settings.get gives null for a setting that does not exist.
    return this.settings.get(SETTING_KEYS.scenario) ?? undefined;
  }

  async saveScenario(scenario: Scenario | undefined): Promise<void> {
    if (scenario) this.settings.set(SETTING_KEYS.scenario, scenario);
    else this.settings.remove(SETTING_KEYS.scenario);
    await this.settings.saveAsync();
  }
}

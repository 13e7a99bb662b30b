import { clearRecordedSecrets } from "./secrets";

/** Each run checks its own output for the secrets it used: none are left from an earlier run. */
export default function globalSetup(): void {
  clearRecordedSecrets();
}

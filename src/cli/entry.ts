import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** True when the module is the program being run (`node dist/cli/x.js`, `tsx src/cli/x.ts`), not an import. */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

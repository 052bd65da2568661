/**
 * Rewrites the event ledger (data/event-history.json) for the current data: every event of
 * every feed gets its content hash, and SEQUENCE/LAST-MODIFIED rise where the content changed.
 * Run it after every data change and commit the ledger with the data.
 *
 *   npx tsx scripts/stamp-history.ts                      write data/event-history.json
 *   npx tsx scripts/stamp-history.ts --check              exit 1 when the committed ledger is stale
 *   npx tsx scripts/stamp-history.ts --plan P --data D    other data location (ledger: D/event-history.json)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Value } from 'typebox/value';
import { loadDataset } from '../src/data/load.js';
import { EventHistoryFile, serializeEventHistory, type EventHistory } from '../src/render/ics/history.js';
import { historyFor } from '../src/render/ics/index.js';

export const LEDGER_FILE = 'event-history.json';

/** The ledger file's current text and events, or undefined when there is none yet. */
async function readLedger(file: string): Promise<{ text: string; events: EventHistory } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const json: unknown = JSON.parse(text);
  if (!Value.Check(EventHistoryFile, json)) {
    const first = Value.Errors(EventHistoryFile, json)[0];
    throw new Error(`${file}: ${first?.instancePath || '/'}: журнал событий повреждён (${first?.message ?? 'неверная структура'})`);
  }
  return { text, events: json.events };
}

/** The ledger text the current data calls for, and the text on disk (undefined when absent). */
export async function stampLedger(planFile: string, dataDir: string): Promise<{ file: string; next: string; current?: string }> {
  const file = path.join(dataDir, LEDGER_FILE);
  const [data, ledger] = await Promise.all([loadDataset({ planFile, dataDir }), readLedger(file)]);
  const next = serializeEventHistory(historyFor(data, ledger?.events));
  return ledger === undefined ? { file, next } : { file, next, current: ledger.text };
}

function option(argv: readonly string[], name: string, fallback: string): string {
  const index = argv.indexOf(name);
  return index >= 0 && argv[index + 1] !== undefined ? (argv[index + 1] as string) : fallback;
}

async function main(argv: readonly string[]): Promise<number> {
  const { file, next, current } = await stampLedger(option(argv, '--plan', 'plan.json'), option(argv, '--data', 'data'));
  if (argv.includes('--check')) {
    if (current === next) return 0;
    console.error(`${file} устарел: данные изменились. Выполните: npx tsx scripts/stamp-history.ts`);
    return 1;
  }
  if (current !== next) await writeFile(file, next);
  console.log(current === next ? `${file}: без изменений` : `${file}: обновлён`);
  return 0;
}

const invokedAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedAsScript) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 2;
    },
  );
}

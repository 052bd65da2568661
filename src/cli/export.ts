/**
 * `npm run export -- --out <dir> [--public-url URL] [--plan plan.json] [--data data]
 * [--date YYYY-MM-DD] [--concurrency N]`: writes the service's whole public surface as static
 * files (see src/static-export/site.ts). Exit code 0 on success, 1 for invalid data or a failed
 * export, 2 for bad arguments.
 */
import { parseArgs } from 'node:util';
import { DataError } from '../domain/errors.js';
import { ConfigError, configFromEnv } from '../http/config.js';
import { moscowDate, plural } from '../render/html/format.js';
import { ExportError } from '../static-export/errors.js';
import { exportClock, exportSite } from '../static-export/site.js';
import { isEntryPoint } from './entry.js';

const USAGE =
  'Использование: export --out <каталог> [--public-url https://…] [--plan plan.json] [--data data] [--date ГГГГ-ММ-ДД] [--concurrency 8]\n' +
  '  --public-url  адрес, по которому будет опубликован экспорт (по умолчанию — переменная PUBLIC_URL); обязателен:\n' +
  '                ленты и страницы содержат абсолютные ссылки\n' +
  '  --date        «сегодня» для страниц с ближайшими сроками (по умолчанию — сегодня по московскому времени)\n' +
  '  --concurrency сколько адресов готовить одновременно, по одному на поток (по умолчанию 8; потоков не больше, чем ядер)';

interface Options {
  readonly out: string;
  readonly plan: string;
  readonly data: string;
  readonly publicUrl: string;
  readonly date: string;
  readonly concurrency: number;
}

class UsageError extends Error {}

function parse(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, now: Date): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        plan: { type: 'string', default: 'plan.json' },
        data: { type: 'string', default: 'data' },
        'public-url': { type: 'string' },
        date: { type: 'string' },
        concurrency: { type: 'string', default: '8' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.out === undefined || values.out === '') throw new UsageError('Укажите каталог для экспорта: --out <каталог>');
  const publicUrl = values['public-url'] ?? env.PUBLIC_URL;
  if (publicUrl === undefined || publicUrl === '') {
    throw new UsageError('Укажите адрес публикации: --public-url https://… или переменная PUBLIC_URL (ленты содержат абсолютные ссылки)');
  }
  try {
    // The same rules as the service's PUBLIC_URL, so an export and a service agree on links.
    configFromEnv({ PUBLIC_URL: publicUrl });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.problems.join('\n').replace(/^PUBLIC_URL=/, '--public-url '));
    throw error;
  }
  const date = values.date ?? moscowDate(now);
  try {
    exportClock(date);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!/^\d{1,3}$/.test(values.concurrency) || Number(values.concurrency) < 1) {
    throw new UsageError(`--concurrency ${values.concurrency}: ожидается целое число от 1 до 999`);
  }
  return { out: values.out, plan: values.plan, data: values.data, publicUrl, date, concurrency: Number(values.concurrency) };
}

/** Registries smaller than this export in a few seconds: no progress lines, only the summary. */
export const PROGRESS_MIN_URLS = 500;

/**
 * Reports every tenth of the way for large registries: the same lines for the same registry,
 * whatever the machine's speed.
 */
export function progressReporter(err: (line: string) => void): (done: number, total: number) => void {
  let reported = 0;
  return (done, total) => {
    if (total < PROGRESS_MIN_URLS) return;
    const tenth = Math.floor((done * 10) / total);
    if (tenth > reported) {
      reported = tenth;
      err(`экспорт: ${done} из ${total} адресов (${tenth * 10} %)`);
    }
  };
}

export async function main(
  argv: readonly string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
  env: Readonly<Record<string, string | undefined>> = process.env,
  now: Date = new Date(),
): Promise<number> {
  let options: Options;
  try {
    options = parse(argv, env, now);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`${error.message}\n${USAGE}`);
    return 2;
  }
  try {
    const result = await exportSite({
      planFile: options.plan,
      dataDir: options.data,
      publicUrl: options.publicUrl,
      date: options.date,
      out: options.out,
      concurrency: options.concurrency,
      onProgress: progressReporter(err),
    });
    const megabytes = (result.bytes / 1024 / 1024).toFixed(1);
    out(
      `Экспорт готов: ${result.out} — данные ${result.version}, ${result.urls} ${plural(result.urls, 'адрес', 'адреса', 'адресов')}, ${result.files} ${plural(result.files, 'файл', 'файла', 'файлов')} (${megabytes} МБ), ` +
        `адрес публикации ${options.publicUrl}, страницы на ${options.date}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DataError) {
      err(`Данные содержат ошибки (${error.issues.length}), экспорт не выполнен:\n${error.message}`);
      return 1;
    }
    if (error instanceof ExportError) {
      err(`Экспорт не выполнен: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}

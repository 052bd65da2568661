/**
 * Locates a JSON syntax error and says what it is, in Russian. Node 20's JSON.parse gives no
 * position for most errors («Unexpected token '}', …»), and a methodologist editing a file by
 * hand needs the line and column. Used only after JSON.parse has failed.
 */
export interface SyntaxProblem {
  readonly position: number;
  readonly reason: string;
}

class Stop {
  constructor(readonly problem: SyntaxProblem) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const END = 'файл обрывается: не хватает закрывающей скобки или кавычки';

export function findSyntaxError(text: string): SyntaxProblem | undefined {
  if (text.trim() === '') return { position: 0, reason: 'файл пуст' };
  let i = 0;
  const fail = (reason: string, position = i): never => {
    throw new Stop({ position, reason: i >= text.length && position === i ? END : reason });
  };
  const space = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const string = (): void => {
    const start = i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('кавычка не закрыта', start);
      else if (c === '"') return void i++;
      else if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if ('"\\/bfnrt'.includes(next) && next !== '') i += 2;
        else fail('недопустимая последовательность после \\ (обратную косую черту пишут как \\\\)');
      } else if (c < ' ') fail('перевод строки или табуляция внутри кавычек: строку нужно закрыть на той же строке');
      else i++;
    }
  };
  const list = (close: '}' | ']'): void => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      space();
      if (close === '}') {
        if (text[i] === '}') fail('лишняя запятая перед }');
        if (text[i] !== '"') fail('ожидается имя поля в двойных кавычках');
        string();
        space();
        if (text[i] !== ':') fail('после имени поля ожидается двоеточие');
        i++;
        space();
      } else if (text[i] === ']') fail('лишняя запятая перед ]');
      value();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail(`пропущена запятая или ${close}`);
    }
  };
  const value = (): void => {
    const c = text[i];
    if (c === '{') return list('}');
    if (c === '[') return list(']');
    if (c === '"') return string();
    if (c === "'") fail('строки записываются в двойных кавычках "…", а не в одинарных');
    if (c === '/') fail('комментарии в JSON не допускаются');
    NUMBER.lastIndex = i;
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      if (!NUMBER.test(text)) fail('неверная запись числа');
      i = NUMBER.lastIndex;
      return;
    }
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word) return void (i += word.length);
    fail('ожидается значение: строка в кавычках, число, true, false, null, объект { } или список [ ]');
  };
  try {
    space();
    value();
    space();
    if (i < text.length) fail('лишние символы после конца данных');
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    throw error;
  }
}

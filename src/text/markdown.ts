// Markdown for the job summary: server text made plain text, and the shapes it sits in.

/** `14820` → `14,820`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function cut(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Server text as markdown text, cut to `maxChars`: no HTML, no link or image of its own, no emphasis,
 * code, strike-through or math, no table break, its lines kept in its table cell or list item. A
 * backslash before each character that could start one (2 bytes, where an entity takes 5), and only
 * there: a `_` between letters or digits, a `&` that begins no entity and a `#` inside a word start
 * nothing, and names and addresses are full of them. It always follows the action's own words on a
 * line, so nothing in it can start a block (a heading, a list, a quote); a bare address may show as
 * a link, to where it says.
 */
export function inline(text: string, maxChars: number): string {
  return cut(text, maxChars)
    .replace(/[\\`*[\]<|~$]|&(?=#?\w+;)|(?<=^|\s)#|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (char) => `\\${char}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A fenced block that server text cannot close: the fence is longer than any run of backticks in it. */
export function codeBlock(text: string[], indent = ''): string {
  // Any line ending ends a line of markdown: one left in would leave the block's indentation.
  const lines = text.flatMap((line) => line.split(/\r\n|\r|\n/));
  const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((match) => match[0].length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...lines, fence].map((line) => indent + line).join('\n');
}

/** The first items that fit in `budget` bytes, and how many did not. */
export function fit(items: string[], budget: number): { kept: string[]; more: number } {
  const kept: string[] = [];
  let used = 0;
  for (const item of items) {
    used += Buffer.byteLength(item) + 2;
    if (used > budget) break;
    kept.push(item);
  }
  return { kept, more: items.length - kept.length };
}

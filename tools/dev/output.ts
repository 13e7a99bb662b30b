/**
 * Every line `npm run dev` prints carries the name of the process it comes
 * from, padded so that the interleaved output of the children lines up.
 */
const PREFIX_WIDTH = "[convex]".length;

export function printLine(source: string, line: string, stream: NodeJS.WriteStream = process.stdout): void {
  stream.write(`${`[${source}]`.padEnd(PREFIX_WIDTH)} ${line}\n`);
}

/** Messages of the orchestrator itself. */
export function say(message: string): void {
  for (const line of message.split("\n")) printLine("dev", line);
}

export function sayError(message: string): void {
  for (const line of message.split("\n")) printLine("dev", line, process.stderr);
}

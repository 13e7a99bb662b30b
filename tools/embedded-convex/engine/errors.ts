import { relative } from "node:path";
import { convexToJson, type JSONValue, type Value } from "convex/values";

/**
 * Turns an error thrown by a Convex function into the `errorMessage` /
 * `errorData` pair a deployment returns. `ConvexError` data goes to
 * `errorData` so clients rebuild `error.data`; other errors keep their message
 * and the stack frames inside `convex/`, as a dev deployment shows them.
 */
export function formatFunctionError(error: unknown, convexDir: string): { errorMessage: string; errorData?: JSONValue } {
  if (isConvexError(error)) {
    return { errorMessage: `Uncaught ConvexError: ${error.message}`, errorData: convexToJson(error.data as Value) };
  }
  if (error instanceof Error) {
    return { errorMessage: `Uncaught ${error.name}: ${error.message}${appFrames(error.stack, convexDir)}` };
  }
  return { errorMessage: `Uncaught ${String(error)}` };
}

function isConvexError(error: unknown): error is Error & { data: unknown } {
  return typeof error === "object" && error !== null && Symbol.for("ConvexError") in error;
}

function appFrames(stack: string | undefined, convexDir: string): string {
  const frames = (stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at ") && line.includes(convexDir))
    .slice(0, 5)
    .map((line) => line.replace(/(file:\/\/)?(\/[^\s:()]+)/g, (_match, _scheme, path: string) => relative(process.cwd(), path.split("?")[0]!)));
  return frames.length ? `\n${frames.join("\n")}` : "";
}

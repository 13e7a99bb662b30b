import type { Usage } from "./readMeter";

/**
 * Everything a benchmark run found, the budgets it checks, and the two ways
 * it is written out: a table for people (stdout) and JSON for tools
 * (bench/results.json). Only read budgets decide the exit code: times depend
 * on the machine, so they are reported, never asserted.
 */
export interface OperationRow {
  suite: string;
  operation: string;
  /** What the database held, e.g. "10,000 connections". */
  scale: string;
  usage: Usage;
  /** The largest figures seen when the runs differed. */
  maxUsage?: Usage;
  medianMs: number;
  samples: number;
}

export interface RatioRow {
  name: string;
  operationMs: number;
  floorMs: number;
  /** What the floor is: the bare library work the operation can't do without. */
  floor: string;
  limit?: number;
}

export interface PageWeightRow {
  route: string;
  /** First-load JavaScript, gzip-compressed. */
  gzipBytes: number;
  files: number;
  /** No budget for pages outside the sign-in page and the console. */
  limitBytes?: number;
}

export interface ThroughputRow {
  name: string;
  value: number;
  unit: string;
  detail: string;
}

export type BudgetKind = "reads" | "ratio" | "page weight";

export interface BudgetRow {
  name: string;
  kind: BudgetKind;
  actual: number;
  limit: number;
  unit: string;
  pass: boolean;
}

export class Report {
  readonly operations: OperationRow[] = [];
  readonly ratios: RatioRow[] = [];
  readonly pageWeight: PageWeightRow[] = [];
  readonly throughput: ThroughputRow[] = [];
  readonly budgets: BudgetRow[] = [];
  readonly notes: string[] = [];

  operation(row: OperationRow): OperationRow {
    this.operations.push(row);
    return row;
  }

  /** A budget that holds when `actual <= limit`. */
  budget(name: string, kind: BudgetKind, actual: number, limit: number, unit: string): boolean {
    const pass = actual <= limit;
    this.budgets.push({ name, kind, actual, limit, unit, pass });
    return pass;
  }

  /** The operation's documents read must stay within `limit` (the largest run counts). */
  readBudget(name: string, row: OperationRow, limit: number): boolean {
    return this.budget(`${name} (${row.scale})`, "reads", (row.maxUsage ?? row.usage).documentsRead, limit, "reads");
  }

  ratio(row: RatioRow): void {
    this.ratios.push(row);
    if (row.limit !== undefined) this.budget(row.name, "ratio", round(row.operationMs / row.floorMs, 2), row.limit, "×");
  }

  page(row: PageWeightRow): void {
    this.pageWeight.push(row);
    if (row.limitBytes !== undefined) this.budget(`first-load JS ${row.route}`, "page weight", row.gzipBytes, row.limitBytes, "bytes");
  }

  failedReadBudgets(): BudgetRow[] {
    return this.budgets.filter((budget) => budget.kind === "reads" && !budget.pass);
  }

  toJson(meta: { revision: string; timestamp: string; scales: Record<string, number[]>; machine: Record<string, unknown> }) {
    return { ...meta, operations: this.operations, ratios: this.ratios, pageWeight: this.pageWeight, throughput: this.throughput, budgets: this.budgets, notes: this.notes };
  }

  render(): string {
    const sections = [
      heading("Per-operation cost (documents and bytes counted in the engine; median wall time on this machine)"),
      table(
        ["suite", "operation", "scale", "reads", "read", "writes", "written", "median", "runs"],
        this.operations.map((row) => {
          const usage = row.maxUsage ?? row.usage;
          const varied = row.maxUsage ? "≤" : "";
          return [row.suite, row.operation, row.scale, `${varied}${usage.documentsRead}`, kb(usage.bytesRead), `${varied}${usage.documentsWritten}`, kb(usage.bytesWritten), ms(row.medianMs), String(row.samples)];
        }),
        "lllrrrrrr",
      ),
      heading("Side by side (median times, same run)"),
      table(
        ["operation", "ms", "floor", "floor ms", "ratio"],
        this.ratios.map((row) => [row.name, ms(row.operationMs), row.floor, ms(row.floorMs), `${round(row.operationMs / row.floorMs, 2)}×`]),
        "lrlrr",
      ),
      heading("Page weight (first-load JS, gzip)"),
      table(
        ["route", "files", "gzip", "budget"],
        this.pageWeight.map((row) => [row.route, String(row.files), kb(row.gzipBytes), row.limitBytes === undefined ? "—" : kb(row.limitBytes)]),
        "lrrr",
      ),
      heading("Throughput and live updates on the embedded dev backend (convex-test's engine in one Node process: figures about the dev backend, not Convex)"),
      table(
        ["measure", "value", "detail"],
        this.throughput.map((row) => [row.name, `${formatNumber(row.value)} ${row.unit}`, row.detail]),
        "lrl",
      ),
      heading("Budgets"),
      table(
        ["budget", "kind", "actual", "limit", "result"],
        this.budgets.map((row) => [row.name, row.kind, formatBudgetValue(row.actual, row.unit), formatBudgetValue(row.limit, row.unit), row.pass ? "pass" : "FAIL"]),
        "llrrl",
      ),
    ];
    if (this.notes.length > 0) sections.push(heading("Notes"), this.notes.map((note) => `- ${note}`).join("\n"));
    return sections.join("\n");
  }
}

function heading(text: string): string {
  return `\n${text}\n${"=".repeat(Math.min(text.length, 100))}`;
}

/** Columns padded to their widest cell; `align` has one letter per column, l or r. */
export function table(headers: string[], rows: string[][], align: string): string {
  if (rows.length === 0) return "(none)";
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (align[column] === "r" ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Kilobytes of 1,000 bytes, as Next.js and most size reports use. */
export function kb(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : "—";
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(1);
}

function formatBudgetValue(value: number, unit: string): string {
  if (unit === "bytes") return kb(value);
  if (unit === "×") return `${value}×`;
  return `${value} ${unit}`;
}

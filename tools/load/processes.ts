import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { createInterface } from "node:readline";

/**
 * The load test's children (embedded backend, demo IdP): each in its own
 * process group, so a signal reaches whatever it spawned (tsx runs the
 * script in a child of its own) and SIGKILL leaves nothing behind; their
 * output goes to a log file, not the terminal (the backend prints a line per
 * function call).
 */
export interface ChildOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** The line (prefix) the child prints once it serves requests. */
  readyLine: string;
  readyTimeoutMs: number;
}

export class LoadChild {
  private readonly process: ChildProcess;
  private readonly log: WriteStream;
  readonly exited: Promise<void>;
  private hasExited = false;

  private constructor(private readonly options: ChildOptions) {
    this.log = createWriteStream(options.logFile, { flags: "a" });
    this.log.write(`\n── ${new Date().toISOString()} starting ${options.name}\n`);
    this.process = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    this.exited = new Promise((resolve) => {
      this.process.once("exit", () => resolve());
      this.process.once("error", () => resolve());
    });
    void this.exited.then(() => (this.hasExited = true));
    this.process.stdout!.pipe(this.log, { end: false });
    this.process.stderr!.pipe(this.log, { end: false });
  }

  /** Starts the child and resolves once it printed its ready line. */
  static async start(options: ChildOptions): Promise<LoadChild> {
    const child = new LoadChild(options);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.name} was not ready after ${options.readyTimeoutMs / 1000} s (see ${options.logFile}).`)), options.readyTimeoutMs);
      createInterface({ input: child.process.stdout! }).on("line", (line) => {
        if (!line.startsWith(options.readyLine)) return;
        clearTimeout(timer);
        resolve();
      });
      void child.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${options.name} stopped before it was ready (see ${options.logFile}).`));
      });
    }).catch(async (error: unknown) => {
      await child.kill();
      throw error;
    });
    return child;
  }

  /**
   * SIGKILL to the whole group: a crash, with no chance to flush anything.
   * Resolves once every process of the group is gone, not just the leader:
   * tsx's child (the backend itself) may outlive it for a moment and still
   * hold the data directory's lock.
   */
  async kill(): Promise<void> {
    this.signal("SIGKILL");
    await this.exited;
    await this.groupGone();
  }

  private async groupGone(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.process.pid !== undefined && groupExists(this.process.pid)) {
      if (Date.now() > deadline) throw new Error(`${this.options.name}'s processes outlived SIGKILL for ${timeoutMs / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGTERM (the backend saves its data and stops), then SIGKILL for anything left. */
  async stop(graceMs = 20_000): Promise<void> {
    if (!this.hasExited) {
      this.signal("SIGTERM");
      const timer = setTimeout(() => this.signal("SIGKILL"), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.signal("SIGKILL");
    this.log.end();
  }

  /** Last resort when this process exits without stopping its children (it crashed): nothing keeps a port. */
  killNow(): void {
    this.signal("SIGKILL");
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.process.pid === undefined) return;
    try {
      process.kill(-this.process.pid, signal);
    } catch (error) {
      // ESRCH: the group is already gone.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
}

function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

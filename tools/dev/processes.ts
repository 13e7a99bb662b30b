import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { printLine, sayError } from "./output";

export interface ChildSpec {
  /** Short name used as the output prefix and in error messages. */
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How long a child may take to shut down (the backend flushes its data) before it is killed. */
const STOP_GRACE_MS = 20_000;
const STDERR_TAIL_LINES = 40;

/**
 * A child process started in its own process group, so that a signal reaches
 * everything it spawned (`next dev` runs its server in worker processes) and
 * nothing is left holding a port after we stop.
 */
export class Child {
  readonly name: string;
  readonly exited: Promise<ChildExit>;
  private exit: ChildExit | undefined;
  private readonly process: ChildProcess;
  private readonly stderrTail: string[] = [];
  private readonly stdoutListeners: Array<(line: string) => void> = [];

  constructor(spec: ChildSpec) {
    this.name = spec.name;
    this.process = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    this.exited = new Promise((resolve) => {
      this.process.once("exit", (code, signal) => resolve((this.exit = { code, signal })));
      // Spawning itself failed (e.g. missing binary): there will be no "exit" event.
      this.process.once("error", (error) => {
        sayError(`Could not start ${this.name}: ${error.message}`);
        resolve((this.exit = { code: null, signal: null }));
      });
    });

    createInterface({ input: this.process.stdout! }).on("line", (line) => {
      printLine(this.name, line);
      for (const listener of this.stdoutListeners) listener(line);
    });
    createInterface({ input: this.process.stderr! }).on("line", (line) => {
      printLine(this.name, line, process.stderr);
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    });
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  onStdoutLine(listener: (line: string) => void): void {
    this.stdoutListeners.push(listener);
  }

  recentStderr(): string[] {
    return [...this.stderrTail];
  }

  /**
   * Sends the signal to the whole group, waits for the child to exit (killing
   * it after a grace period), then kills whatever it left behind in its group.
   */
  async stop(signal: NodeJS.Signals): Promise<void> {
    if (!this.exit) {
      this.signalGroup(signal);
      const deadline = setTimeout(() => {
        sayError(`${this.name} did not stop within ${STOP_GRACE_MS / 1000} s; killing it.`);
        this.signalGroup("SIGKILL");
      }, STOP_GRACE_MS);
      await this.exited;
      clearTimeout(deadline);
    }
    this.signalGroup("SIGKILL");
  }

  signalGroup(signal: NodeJS.Signals): void {
    if (this.process.pid === undefined) return;
    try {
      process.kill(-this.process.pid, signal);
    } catch (error) {
      // ESRCH: the group is already gone, which is what we want.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  }
}

export function describeExit(exit: ChildExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  if (exit.code === null) return "could not be started";
  return `exit code ${exit.code}`;
}

/**
 * Starts the children and stops them together: once stopping has begun, no
 * exit counts as unexpected and no new child may start.
 */
export class Supervisor {
  private readonly children: Child[] = [];
  private stopping = false;

  constructor(private readonly onUnexpectedExit: (child: Child, exit: ChildExit) => void) {}

  start(spec: ChildSpec): Child {
    if (this.stopping) throw new Error(`Not starting ${spec.name}: shutting down.`);
    const child = new Child(spec);
    this.children.push(child);
    void child.exited.then((exit) => {
      if (!this.stopping) this.onUnexpectedExit(child, exit);
    });
    return child;
  }

  async stopAll(signal: NodeJS.Signals): Promise<void> {
    this.stopping = true;
    await Promise.all(this.children.map((child) => child.stop(signal)));
  }

  /** Last resort if this process exits without stopping the children (e.g. it crashed): free the ports. */
  killAllNow(): void {
    for (const child of this.children) child.signalGroup("SIGKILL");
  }
}

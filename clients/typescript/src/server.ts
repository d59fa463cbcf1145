/** `tiktok-sandbox serve --port 0` in a child process: its URLs read from the banner. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export interface ServedSandbox {
  url: string;
  appUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The package's folder (src/ or dist/src/ below it). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** How to run the sandbox: TIKTOK_SANDBOX_COMMAND (words split on spaces), else
 * `tiktok-sandbox` on PATH, else the repository's virtualenv beside this package. */
export function sandboxCommand(): string[] {
  const given = process.env.TIKTOK_SANDBOX_COMMAND?.trim();
  if (given) return given.split(/\s+/);
  const found = onPath("tiktok-sandbox") ?? path.resolve(packageRoot(), "../../.venv/bin/tiktok-sandbox");
  return [found];
}

const SELLER = /Seller Center:\s+(http:\/\/\S+?)\/\s/;
const APP = /TikTok app \(phone\):\s+(http:\/\/\S+?)\/phone\//;

/** Start a sandbox on ephemeral ports with an in-memory database (no demo world). */
export function serveSandbox(extra: string[] = []): Promise<ServedSandbox> {
  const [command, ...args] = sandboxCommand();
  const child = spawn(command as string, [...args, "serve", "--port", "0", "--db", "memory", "--no-demo", ...extra],
    { stdio: ["ignore", "pipe", "pipe"] });
  let banner = "";
  let errors = "";
  let up = false;
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => { errors = (errors + chunk).slice(-4000); });
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => { void stop(); reject(new Error(`${why}: ${[command, ...args].join(" ")} serve\n${banner}${errors}`)); };
    child.once("error", (err) => fail(`could not start the sandbox (${err.message})`));
    child.once("exit", (code) => fail(`the sandbox exited (${code}) before its banner`));
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      if (up) return; // the rest of its output is read and dropped
      banner += chunk;
      if (!banner.includes("control plane")) return;
      const seller = SELLER.exec(banner);
      const app = APP.exec(banner);
      up = true;
      child.removeAllListeners("exit");
      if (!seller?.[1] || !app?.[1]) return fail("no URLs in the sandbox's banner");
      resolve({ url: seller[1], appUrl: app[1], process: child, stop });
    });
  });
}

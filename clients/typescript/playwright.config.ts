import { defineConfig } from "@playwright/test";

// Debian's Chromium (no browser download): CHROMIUM overrides the path.
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "examples",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? "line" : "list",
  use: {
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: CHROMIUM,
      // Chromium's own background connections are refused on a closed network.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});

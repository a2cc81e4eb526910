/**
 * How the browser tests and the benchmarks start Chromium: Debian's own (never a downloaded
 * one), headless, with no background requests to the closed network.
 */
export const CHROMIUM_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
};

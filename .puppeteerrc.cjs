// Puppeteer's browser download is optional: CI and Debian use the system chromium
// (see src/output/browser.ts for how the executable is resolved). Set
// SVREPORT_DOWNLOAD_BROWSER=1 to let `npm install` fetch puppeteer's own Chrome.
module.exports = { skipDownload: process.env.SVREPORT_DOWNLOAD_BROWSER !== '1' };

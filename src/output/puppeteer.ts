// puppeteer, loaded on first use: only runs that print a PDF need it (~0.1 s of start-up that
// `validate`, `--version` and HTML-only builds skip). Its CommonJS build, which loads in ~80 ms
// against ~115 ms for its ES modules (Node 20, two cores), and synchronously, so finding the
// browser stays a plain function.
import { createRequire } from 'node:module';
import type { PuppeteerNode } from 'puppeteer';

let loaded: PuppeteerNode | null = null;

export function puppeteer(): PuppeteerNode {
  loaded ??= (createRequire(import.meta.url)('puppeteer') as { default: PuppeteerNode }).default;
  return loaded;
}

import type { Catalogue } from './en.ts';
export const de: Catalogue = {} as Catalogue;

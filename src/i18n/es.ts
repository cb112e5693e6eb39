import type { Catalogue } from './en.ts';
export const es: Catalogue = {} as Catalogue;

/**
 * The few colours coopscore uses, as plain functions. With colour off every function is the
 * identity, so formatters never import chalk unless colour is really on.
 */
export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const identity = (s: string) => s;
export const plain: Paint = { red: identity, green: identity, yellow: identity, cyan: identity, dim: identity, bold: identity };

export async function makePaint(color: boolean): Promise<Paint> {
  if (!color) return plain;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: 1 });
  return { red: c.red, green: c.green, yellow: c.yellow, cyan: c.cyan, dim: c.dim, bold: c.bold };
}

import { InvalidArgumentError } from "commander";
import { CONFIDENCES, type Confidence } from "../types.js";

/** Parses "10485760", "10MB", "512k", "1.5 GiB" into bytes. */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError(`"${value}" is not a size (e.g. 10485760, 512KB, 10MB)`);
  const power = { "": 0, k: 1, m: 2, g: 3, t: 4 }[m[2]!.toLowerCase() as "" | "k" | "m" | "g" | "t"];
  return Math.round(Number(m[1]) * 1024 ** power);
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  return n;
}

export function parseConfidence(value: string): Confidence {
  if (!(CONFIDENCES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`"${value}" is not one of ${CONFIDENCES.join(", ")}`);
  }
  return value as Confidence;
}

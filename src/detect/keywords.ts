/**
 * Keyword prefilter: one Aho-Corasick automaton over every rule's keywords, matched
 * ASCII-case-insensitively in a single pass over the text. Rules only run their regex in
 * windows around their own keyword hits, which is what keeps the regex stage off most bytes.
 */

const ALPHABET = 128;

export interface KeywordAutomaton {
  /**
   * Dense DFA: next state = delta[state * 128 + char]. Upper-case ASCII rows repeat the lower-case
   * ones, so matching is case-insensitive without folding each character on the hot path.
   */
  readonly delta: Int32Array;
  /** 1 for states where some keyword ends: a typed-array test is cheaper than loading `outputs`. */
  readonly hasOutput: Uint8Array;
  /** For each state, the keyword indexes that end there (including through failure links). */
  readonly outputs: readonly (readonly number[] | undefined)[];
  readonly keywords: readonly string[];
}

const foldAscii = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Builds the automaton; keywords must be ASCII (the rule schema enforces it). */
export function buildKeywordAutomaton(keywords: readonly string[]): KeywordAutomaton {
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const c = foldAscii(keyword.charCodeAt(i));
      if (c >= ALPHABET) throw new Error(`keyword "${keyword}" is not ASCII`);
      let next = children[state]!.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ends.push([]);
        children[state]!.set(c, next);
      }
      state = next;
    }
    ends[state]!.push(index);
  });

  const stateCount = children.length;
  const delta = new Int32Array(stateCount * ALPHABET);
  const fail = new Int32Array(stateCount);
  const outputs: (number[] | undefined)[] = new Array(stateCount);
  // Breadth-first: a state's failure link is always computed before the state's children.
  const queue: number[] = [];
  for (let c = 0; c < ALPHABET; c++) {
    const child = children[0]!.get(c);
    delta[c] = child ?? 0;
    if (child !== undefined) queue.push(child);
  }
  outputs[0] = undefined;
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const own = ends[state]!;
    const inherited = outputs[fail[state]!];
    outputs[state] = own.length || inherited ? [...own, ...(inherited ?? [])] : undefined;
    for (let c = 0; c < ALPHABET; c++) {
      const child = children[state]!.get(c);
      const viaFail = delta[fail[state]! * ALPHABET + c]!;
      if (child === undefined) {
        delta[state * ALPHABET + c] = viaFail;
      } else {
        delta[state * ALPHABET + c] = child;
        fail[child] = viaFail;
        queue.push(child);
      }
    }
  }
  const hasOutput = new Uint8Array(stateCount);
  for (let state = 0; state < stateCount; state++) {
    if (outputs[state] !== undefined) hasOutput[state] = 1;
    for (let c = 65; c <= 90; c++) delta[state * ALPHABET + c] = delta[state * ALPHABET + c + 32]!;
  }
  return { delta, hasOutput, outputs, keywords };
}

/**
 * Calls `onHit(keywordIndex, endOffset)` for every keyword occurrence, in increasing offset
 * order. Non-ASCII characters reset the automaton (no keyword contains one).
 */
export function findKeywords(
  automaton: KeywordAutomaton,
  text: string,
  onHit: (keywordIndex: number, end: number) => void,
): void {
  const { delta, hasOutput, outputs } = automaton;
  let state = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= ALPHABET) {
      state = 0;
      continue;
    }
    state = delta[(state << 7) | c]!; // state * ALPHABET + c, ALPHABET = 2^7
    if (hasOutput[state] === 1) for (const k of outputs[state]!) onHit(k, i + 1);
  }
}

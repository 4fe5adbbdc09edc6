import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { TSearchKind } from '@contract/search';
import {
  containsQuery,
  indexTokens,
  matchesTokens,
  normalizeText,
  numberedText,
  numberedTokens,
  parseQuery,
  scopeQuery,
  scopeTokens,
  titleMatches,
} from './search-tokens';

/** The expected token of one or two CJK characters. */
function cjk(chars: string): string {
  return `c${[...chars].map((ch) => (ch.codePointAt(0) ?? 0).toString(36).padStart(4, '0')).join('')}`;
}

/** Would a search for `q` within `kind` find a record of that kind whose text is `text`? */
function finds(text: string, q: string, opts: { kind?: TSearchKind; restricted?: boolean; asRole?: 'priced' | 'unpriced' } = {}): boolean {
  const kind = opts.kind ?? 'equipment';
  const query = parseQuery(q);
  assert.ok(query, `query ${q} has terms`);
  const stored = new Set(scopeTokens(kind, indexTokens(text), opts.restricted ?? false));
  return matchesTokens(scopeQuery(kind, query, { excludeRestricted: opts.asRole === 'unpriced' }), stored);
}

const HAN = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((cp) => String.fromCodePoint(cp));
const hanText = (min: number, max: number) => fc.array(HAN, { minLength: min, maxLength: max }).map((a) => a.join(''));
const ALNUM = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const code = (min: number, max: number) => fc.array(ALNUM, { minLength: min, maxLength: max }).map((a) => a.join(''));
const LETTER = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
/** A code as SNs and PNs are: letters and digits, at least one digit. */
const snCode = fc
  .tuple(code(2, 29), fc.constantFrom(...'0123456789'), fc.nat())
  .map(([s, digit, at]) => s.slice(0, at % (s.length + 1)) + digit + s.slice(at % (s.length + 1)));

describe('search tokenizer', () => {
  it('normalises full-width forms, case and Latin diacritics (NFKC)', () => {
    assert.equal(normalizeText('ＳＮ：ＡＢＣ１２３'), 'sn:abc123');
    assert.equal(normalizeText('Café Ｘ'), 'cafe x');
    assert.equal(normalizeText('硬盘柜'), '硬盘柜');
    assert.equal(normalizeText('㈱'), '(株)');
  });

  it('R-FLOW-2 indexes CJK text as unigrams + bigrams: 硬盘柜 → 硬 盘 柜 硬盘 盘柜', () => {
    assert.deepEqual(new Set(indexTokens('硬盘柜')), new Set([cjk('硬'), cjk('盘'), cjk('柜'), cjk('硬盘'), cjk('盘柜')]));
  });

  it('writes every token with [a-z0-9] only, so FTS5 and to_tsvector(simple) keep it whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        for (const t of indexTokens(text)) assert.match(t, /^[cwpg][a-z0-9]+$/);
      }),
    );
    const q = parseQuery('华为 ＤＳ-5600 «硬盘»');
    assert.ok(q);
    for (const t of q.clauses.flat(2)) assert.match(t, /^[cwpg][a-z0-9]+$/);
  });

  it('queries one CJK character as its unigram and longer runs as the AND of their bigrams', () => {
    assert.deepEqual(parseQuery('合')?.clauses, [[[cjk('合')]]]);
    assert.deepEqual(parseQuery('合同')?.clauses, [[[cjk('合同')]]]);
    assert.deepEqual(parseQuery('硬盘柜')?.clauses, [[[cjk('硬盘')]], [[cjk('盘柜')]]]);
  });

  it('R-FLOW-2 finds 硬盘柜 by 硬盘, 盘柜, 硬 and 柜; not by 硬柜 or 磁盘', () => {
    const text = '华为 OceanStor 5300 硬盘柜';
    for (const q of ['硬盘', '盘柜', '硬盘柜', '硬', '柜', '华为']) assert.ok(finds(text, q), q);
    for (const q of ['硬柜', '磁盘', '盘硬']) assert.ok(!finds(text, q), q);
  });

  it('finds 合同 by 合 and by 合同, but 合作协议 not by 合同', () => {
    assert.ok(finds('维保合同 HT-2025-0042', '合'));
    assert.ok(finds('维保合同 HT-2025-0042', '合同'));
    assert.ok(!finds('合作协议 同意', '合同'));
  });

  it('joins CJK split by spaces when indexing (北京 海淀 is found by 北京海淀), not when querying', () => {
    assert.ok(finds('北京 海淀区', '北京海淀'));
    assert.ok(finds('北京海淀区', '北京 海淀'));
  });

  it('R-INST-7 finds a code by any fragment of 3+ characters: ABC123 inside SN9ABC1234X', () => {
    assert.ok(finds('SN: SN9ABC1234X', 'ABC123'));
    assert.ok(finds('SN: SN9ABC1234X', 'abc1234x'));
    assert.ok(finds('SN: SN9ABC1234X', 'sn9'));
    assert.ok(!finds('SN: SN9ABC1234X', 'ABD123'));
  });

  it('takes parts joined by - / . together, and digit groups as phone numbers', () => {
    const text = '合同 HT-2025-0042，电话 138 0013 8000，PN 02311/ABC';
    for (const q of ['HT-2025-0042', 'ht20250042', 'HT-2025', '2025-00', '0042', '13800138000', '0013 8000', '02311abc', '11/ab']) {
      assert.ok(finds(text, q), q);
    }
  });

  it('matches the last Latin word as a prefix, earlier words whole', () => {
    const text = 'HP ProLiant DL380 Gen10 server';
    for (const q of ['hp', 'h', 'pro', 'proli', 'proliant', 'dl', 'dl38', 'gen1', 'hp serv', 'proliant DL3', 'ＤＬ３８０'])
      assert.ok(finds(text, q), q);
    assert.ok(!finds(text, 'h serv'), 'h is a finished word here, not a prefix');
    assert.ok(!finds(text, 'hpe'));
  });

  it('mixes CJK and Latin terms with AND', () => {
    const text = '北京华讯科技有限公司 华为 DS5600 硬盘柜';
    assert.ok(finds(text, '硬盘 ds56'));
    assert.ok(finds(text, '华讯 DS5600'));
    assert.ok(!finds(text, '硬盘 ds57'));
  });

  it('has nothing to search for in punctuation alone', () => {
    assert.equal(parseQuery('-- ， 。!'), null);
    assert.equal(parseQuery('   '), null);
  });

  it('scopes tokens by kind: a customer query never matches equipment tokens', () => {
    assert.ok(finds('硬盘柜', '硬盘', { kind: 'customer' }));
    const query = parseQuery('硬盘');
    assert.ok(query);
    const stored = new Set(scopeTokens('equipment', indexTokens('硬盘柜'), false));
    assert.ok(!matchesTokens(scopeQuery('customer', query, { excludeRestricted: false }), stored));
  });

  it('R-ORG-5 excludes restricted entries for roles without prices', () => {
    assert.ok(finds('原始合同 扫描件', '合同', { kind: 'document', restricted: true, asRole: 'priced' }));
    assert.ok(!finds('原始合同 扫描件', '合同', { kind: 'document', restricted: true, asRole: 'unpriced' }));
    assert.ok(finds('合同 附件', '合同', { kind: 'document', restricted: false, asRole: 'unpriced' }));
  });

  it('tells title matches by contained terms, ignoring width and separators', () => {
    const q = parseQuery('硬盘 ds56');
    assert.ok(q);
    assert.ok(titleMatches('华为 ＤＳ-5600 硬盘柜', q.terms));
    assert.ok(!titleMatches('华为 DS5600 服务器', q.terms));
  });

  it('property: every character and every pair of neighbours of a CJK text finds it', () => {
    fc.assert(
      fc.property(hanText(1, 30), fc.nat(), (text, at) => {
        const chars = [...text];
        const i = at % chars.length;
        assert.ok(finds(text, chars[i]));
        if (i + 1 < chars.length) assert.ok(finds(text, chars[i] + chars[i + 1]));
      }),
      { numRuns: 300 },
    );
  });

  it('property: every CJK substring of a text (any length) finds it, inside mixed text too', () => {
    fc.assert(
      fc.property(hanText(2, 20), fc.nat(), fc.nat(), code(0, 8), (text, a, b, noise) => {
        const chars = [...text];
        const from = a % chars.length;
        const to = from + 1 + (b % (chars.length - from));
        assert.ok(finds(`${noise} ${text}，${noise}`, chars.slice(from, to).join('')));
      }),
      { numRuns: 300 },
    );
  });

  it('property: every fragment of 3+ characters of a code finds it, and so does every prefix', () => {
    fc.assert(
      fc.property(snCode, fc.nat(), fc.nat(), (sn, a, b) => {
        const from = a % (sn.length - 2);
        const to = from + 3 + (b % (sn.length - from - 2));
        assert.ok(finds(`设备 SN ${sn.toUpperCase()} 在库`, sn.slice(from, to)), `${sn.slice(from, to)} in ${sn}`);
        const prefix = sn.slice(0, 1 + (a % sn.length));
        assert.ok(finds(`SN:${sn}`, prefix), `prefix ${prefix} of ${sn}`);
      }),
      { numRuns: 500 },
    );
  });

  it('property: every prefix of a word finds it when typed last', () => {
    fc.assert(
      fc.property(fc.array(LETTER, { minLength: 1, maxLength: 14 }), fc.nat(), (letters, a) => {
        const word = letters.join('');
        assert.ok(finds(`型号 ${word} 机架式`, word.slice(0, 1 + (a % word.length))));
      }),
      { numRuns: 500 },
    );
  });

  it('property: what a text does not contain as a CJK pair does not find it', () => {
    fc.assert(
      fc.property(hanText(1, 12), HAN, HAN, (text, x, y) => {
        fc.pre(!text.includes(x + y));
        const stored = new Set(indexTokens(text));
        assert.ok(!stored.has(cjk(x + y)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('containsQuery: the index holds every text that contains the term (list filters, R-ORG-6, R-FLOW-1)', () => {
  /** Pieces of realistic field text: Chinese runs, codes with joiners, words, spaces, punctuation. */
  const PIECE = fc.oneof(
    hanText(1, 6),
    snCode,
    fc.constantFrom(
      'HT-2024-000123',
      'SR-2026-00042',
      '139 1001 2001',
      'RAID',
      'Dell',
      'PowerVault ME484',
      '（北京）',
      ' ',
      ' ',
      '，',
      '-',
      '/',
      '.',
    ),
  );
  const TEXT = fc.array(PIECE, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
  /** Does the index of `text` match the containsQuery of `term`? Null when containsQuery declines. */
  const indexFinds = (text: string, term: string) => {
    const query = containsQuery(term);
    if (!query) return null;
    return matchesTokens(
      scopeQuery('contract', query, { excludeRestricted: false }),
      new Set(scopeTokens('contract', indexTokens(text), false)),
    );
  };

  it('any substring the index answers for (ignoring ASCII case) is found in the text it came from', () => {
    fc.assert(
      fc.property(TEXT, fc.nat(), fc.nat(), fc.boolean(), (text, a, b, upper) => {
        const chars = [...text];
        const from = a % chars.length;
        const sub = chars.slice(from, from + 1 + (b % 12)).join('');
        const term = upper ? sub.toUpperCase() : sub;
        // The documented bound: codes are indexed up to their 40th character (MAX_WORD).
        const codes = normalizeText(text).match(/[a-z0-9]+(?:(?:[-_./:#]|(?<=[0-9]) (?=[0-9]))[a-z0-9]+)*/g) ?? [];
        fc.pre(codes.every((c) => c.replace(/[\s\-_./:#]+/g, '').length <= 40));
        const found = indexFinds(text, term);
        if (found !== null) assert.ok(found, `${JSON.stringify(term)} in ${JSON.stringify(text)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers for a Chinese run of any length and for codes of 3+ characters; declines what only a LIKE can find', () => {
    for (const term of [
      '华',
      '华讯',
      '华讯科技有限公司',
      'HT-2024',
      '2024-00',
      '0042',
      'abcdefgh',
      'ＨＴ-２０２４',
      '华讯2024',
      '有限公司4242',
      '4242华讯',
      '华ab讯',
    ])
      assert.ok(containsQuery(term), term);
    for (const term of ['ht', '42', 'raid', 'erve', '华讯 科技', 'HT 2024', '-2024', '', '%', '华(北京)', 'ab华讯', '42华'])
      assert.equal(containsQuery(term), null, term);
    assert.equal(indexFinds('杭州云帆电子集团有限公司4242', '有限公司42'), true);
    assert.equal(indexFinds('SN9ABC1234X（北京）', '1234x'), true);
    assert.equal(indexFinds('Dell PowerVault ME484 server', 'erve'), null);
    assert.equal(indexFinds('合同 HT-2024-000123 续签', 't-2024-0'), true);
    assert.equal(indexFinds('硬盘 柜', '盘柜'), true, 'a superset: the bigram spans the space, the LIKE then drops it');
  });
});

describe('numberedText: the tokens of a text whose number is drawn later (a one-statement create)', () => {
  const same = (a: readonly string[], b: readonly string[]) => assert.deepEqual([...new Set(a)].sort(), [...new Set(b)].sort());
  /** What may follow a number: the caller's name after a space, digit groups, joiners, CJK, full-width forms, nothing. */
  const restPart = fc.oneof(
    code(1, 12),
    hanText(1, 4),
    fc.constantFrom(' ', '  ', '\n', '-', '/', '.', '#', ' - ', '（', '）', 'Ｈ', '１２', '①', 'é', '\u0301', '号'),
    fc.integer({ min: 0, max: 99_999 }).map(String),
  );
  // Not one that goes on with a letter or digit: the number would not end where its digits do (refused, below).
  const rest = fc
    .tuple(fc.constantFrom('', ' ', '\n', ' 1', ' 12-', ' -', '（', '-a', '/7'), fc.array(restPart, { maxLength: 12 }))
    .map(([a, b]) => a + b.join(''))
    .filter((r) => !/^[a-z0-9]/.test(normalizeText(r)));
  const head = fc.constantFrom('CALL-2026-', 'SR-2026-', 'ht.7/', 'x_', 'A1-B2-C3:');
  const digits = fc.tuple(fc.integer({ min: 1, max: 20 }), fc.nat()).map(([n, x]) => String(x).padStart(n, '0').slice(-n));

  it('property: its fixed tokens and the digits make what indexTokens makes of the whole text', () => {
    fc.assert(
      fc.property(head, digits, rest, (h, d, r) => {
        same(numberedTokens(numberedText(h, r), d), indexTokens(h + d + r));
      }),
      { numRuns: 5000 },
    );
  });

  it("a caller's name starting with digits goes on the number's code, as the tokenizer joins them", () => {
    const n = numberedText('CALL-2026-', ' 12 34号 王建国');
    assert.equal(n.before, 'call2026');
    assert.equal(n.after, '1234');
    same(numberedTokens(n, '00042'), indexTokens('CALL-2026-00042 12 34号 王建国'));
    assert.ok(numberedTokens(n, '00042').includes('wcall2026000421234'));
  });

  it('refuses a number whose digits would run on into the text, or a head that is not a code joined at its end', () => {
    for (const [h, r] of [
      ['CALL-2026-', 'a'],
      ['CALL-2026-', '7'],
      ['CALL-2026', ' x'],
      ['来电-', ' x'],
      ['-', ''],
    ])
      assert.throws(() => numberedText(h, r), /numberedText/, `${h}|${r}`);
  });
});

import { describe, expect, it } from 'vitest';
import { nameReplacer } from '../../../functions/domain/names-in-text';

// The one way names are found in free text: program feedback (withoutNames) and erasure (redact).
describe('nameReplacer', () => {
  const x = (names: string[], text: string) => nameReplacer(names, 'X')(text);

  it('finds a name stored decomposed (NFD) in text typed composed, and the other way round', () => {
    const nfd = 'José Núñez'.normalize('NFD');
    expect(x([nfd, 'José'.normalize('NFD')], 'José showed me. Thanks José Núñez!')).toBe('X showed me. Thanks X!');
    expect(x(['José Núñez'], `Thanks ${nfd}`)).toBe('Thanks X');
    expect(x(['Zoë'], 'Zoe and ZOË')).toBe('X and X');
    // The text comes back composed.
    expect(x(['Ben'], 'Ben and Jose\u0301')).toBe('X and José');
  });

  it('finds a name inside text written without spaces', () => {
    expect(x(['王芳'], '我和王芳一起讨论了AI工具，王芳很有耐心')).toBe('我和X一起讨论了AI工具，X很有耐心');
    expect(x(['Ben'], '和Ben一起')).toBe('和X一起');
  });

  it('finds an Arabic name after the one-letter words and the article written joined to it', () => {
    const names = ['محمد بن سلمان', 'محمد'];
    expect(x(names, 'تحدثت مع محمد عن الذكاء الاصطناعي وشكرا لمحمد')).toBe('تحدثت مع X عن الذكاء الاصطناعي وشكرا لX');
    expect(x(names, 'ومحمد فبمحمد كمحمد بمحمد بن سلمان')).toBe('وX فبX كX بX');
    expect(x(['حسن'], 'مع الحسن ووالحسن')).toBe('مع الX ووالX');
    // With its vowel marks, and not inside a longer word.
    expect(x(names, 'مُحَمَّد')).toBe('X');
    expect(x(names, 'محمدي ومحمود وتمحمد')).toBe('محمدي ومحمود وتمحمد');
  });

  it('finds a Hebrew name after the one-letter prefixes written joined to it', () => {
    const names = ['דוד כהן', 'דוד'];
    expect(x(names, 'נפגשתי עם דוד ותודה לדוד, ושמדוד ומכהן')).toBe('נפגשתי עם X ותודה לX, ושמX ומכהן');
    expect(x(names, 'הדודה שלי')).toBe('הדודה שלי');
  });

  it('attaches those prefixes only to names in their script', () => {
    expect(x(['Ben'], 'lBen wBen')).toBe('lBen wBen');
  });

  it('keeps what `keep` says is a word, and never looks for a one-letter name', () => {
    const keepLower = (found: string) => found === found.toLowerCase();
    expect(nameReplacer(['Will'], 'X', keepLower)('I will ask Will')).toBe('I will ask X');
    expect(x(['Will'], 'I will ask Will')).toBe('I X ask X');
    expect(x(['M', 'Ö'], 'Mia and Öz')).toBe('Mia and Öz');
  });
});

import { describe, expect, it } from 'vitest';
import { ATTACHMENT_NAME_MAX, safeAttachmentName } from './attachmentName.js';

describe('safeAttachmentName', () => {
  it('drops bidi controls and other invisible characters, so the name shows what it is', () => {
    // Shown as "faturaexe.pdf" by a bidi-aware list; the bytes are a JPEG.
    expect(safeAttachmentName('fatura\u202Efdp.exe', 'image/jpeg')).toBe('faturafdp.exe.jpg');
    expect(safeAttachmentName('rapor\u2067gpj.\u2069pdf', 'application/pdf')).toBe('raporgpj.pdf');
    for (const mark of ['\u200E', '\u200F', '\u061C', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2068', '\u200B', '\uFEFF', '\u0085', '\u009B']) {
      expect(safeAttachmentName(`çu${mark}kur.png`, 'image/png')).toBe('çukur.png');
    }
  });

  it('keeps only the last part of a path and replaces what Windows refuses in a name', () => {
    expect(safeAttachmentName('..\\..\\Windows\\System32\\foto.jpg', 'image/jpeg')).toBe('foto.jpg');
    expect(safeAttachmentName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(safeAttachmentName('C:foto.jpg:gizli', 'image/jpeg')).toBe('C_foto.jpg_gizli.jpg');
    expect(safeAttachmentName('a<b>c|d?e*f"g.pdf', 'application/pdf')).toBe('a_b_c_d_e_f_g.pdf');
    expect(safeAttachmentName('..', 'application/pdf')).toBe('ek.pdf');
    expect(safeAttachmentName('dir/', null)).toBe('ek');
    expect(safeAttachmentName(' .gizli.png. ', 'image/png')).toBe('gizli.png');
  });

  it('puts a _ before Windows device names, with or without extension, in any case', () => {
    for (const name of ['CON', 'con', 'Nul', 'PRN', 'aux', 'COM1', 'com9', 'LPT1', 'lpt3', 'COM¹', 'CONIN$', 'conout$']) {
      expect(safeAttachmentName(name, 'application/pdf')).toBe(`_${name}.pdf`);
      expect(safeAttachmentName(`${name}.pdf`, 'application/pdf')).toBe(`_${name}.pdf`);
      expect(safeAttachmentName(`${name}.tar.pdf`, 'application/pdf')).toBe(`_${name}.tar.pdf`);
    }
    expect(safeAttachmentName('CON .jpg', 'image/jpeg')).toBe('_CON .jpg');
    expect(safeAttachmentName('CON.', 'image/jpeg')).toBe('_CON.jpg');
    // Only the whole first part is a device.
    for (const name of ['CONSOLE.pdf', 'COM10.pdf', 'icon.pdf', 'nul-rapor.pdf', 'LPT.pdf']) {
      expect(safeAttachmentName(name, 'application/pdf')).toBe(name);
    }
  });

  it('keeps an extension that fits the type and adds the type’s own otherwise', () => {
    expect(safeAttachmentName('çukur fotoğrafı.JPEG', 'image/jpeg')).toBe('çukur fotoğrafı.JPEG');
    expect(safeAttachmentName('foto.jfif', 'image/jpeg')).toBe('foto.jfif');
    expect(safeAttachmentName('belge.exe', 'application/pdf')).toBe('belge.exe.pdf');
    expect(safeAttachmentName('dilekçe', 'application/pdf')).toBe('dilekçe.pdf');
    expect(safeAttachmentName('foto.png', 'image/webp')).toBe('foto.png.webp');
    // Without a known type only the name is cleaned.
    expect(safeAttachmentName('belge.exe')).toBe('belge.exe');
  });

  it('stays within the contract’s 200 characters and keeps the extension when it cuts', () => {
    const long = safeAttachmentName(`${'ş'.repeat(300)}.pdf`, 'application/pdf');
    expect([...long]).toHaveLength(ATTACHMENT_NAME_MAX);
    expect(long.endsWith('ş.pdf')).toBe(true);
    const noExt = safeAttachmentName('x'.repeat(250), 'image/png');
    expect(noExt).toBe(`${'x'.repeat(196)}.png`);
  });

  it('changes nothing when applied again (names are cleaned again on read)', () => {
    const samples = ['fatura\u202Efdp.exe', 'CON', 'lpt1.tar.gz', '..\\a/b.jpg', `${'ğ'.repeat(260)}.exe`, ' . ', 'foto.JPG', 'a:b.pdf', 'x'.repeat(199) + '.'];
    for (const mime of [null, 'image/jpeg', 'application/pdf']) {
      for (const name of samples) {
        const once = safeAttachmentName(name, mime);
        expect(safeAttachmentName(once, mime), JSON.stringify([name, mime])).toBe(once);
      }
    }
  });
});

// Uploads for tests: a small real PDF and the start of a Windows executable (which, renamed
// .pdf, the upload checks must refuse by its content).

/** A small but real PDF (one empty page), with a correct cross-reference table. */
export function smallPdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The start of a Windows executable: an MZ header pointing at a PE header. */
export function fakeExe() {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84);  // i386
  b.writeUInt16LE(1, 0x86);      // one section
  b.writeUInt16LE(0xe0, 0x94);   // optional header size
  b.writeUInt16LE(0x0102, 0x96); // executable, 32-bit
  b.writeUInt16LE(0x10b, 0x98);  // PE32
  return b;
}


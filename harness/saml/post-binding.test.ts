import { describe, expect, it } from 'vitest';
import { decodePost, encodePost } from './post-binding.js';
import { SamlError } from './xml.js';

const XML = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="R1">é</samlp:Response>';

function refusal(run: () => unknown): SamlError {
  try {
    run();
  } catch (error) {
    if (error instanceof SamlError) return error;
    throw error;
  }
  throw new Error('expected a SamlError, but nothing was thrown');
}

describe('encodePost and decodePost', () => {
  it('round-trips UTF-8 XML through base64', () => {
    expect(encodePost(XML)).toBe(Buffer.from(XML, 'utf8').toString('base64'));
    expect(decodePost(encodePost(XML))).toBe(XML);
  });

  it('accepts base64 broken into lines', () => {
    expect(decodePost(encodePost(XML).replace(/(.{16})/g, '$1\r\n'))).toBe(XML);
  });

  it('refuses text that is not base64', () => {
    expect(refusal(() => decodePost('<samlp:Response/>')).reason).toBe('malformed');
    expect(refusal(() => decodePost('')).reason).toBe('malformed');
  });

  it('refuses an oversized field before decoding it', () => {
    expect(refusal(() => decodePost('A'.repeat(1024), { maxBytes: 100 })).reason).toBe('too-large');
  });

  it('checks the decoded message with parseXml', () => {
    expect(refusal(() => decodePost(encodePost(`<!DOCTYPE x>${XML}`))).reason).toBe('doctype');
    expect(refusal(() => decodePost(encodePost(`${XML}${XML}`))).reason).toBe('multiple-roots');
  });
});

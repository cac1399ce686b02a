/** The SAML table of `npm run bench`: each figure, its ratio to what it is compared with, and the target. */
import { int, table, verdict, type Verdict } from './format.js';
import type { SamlFigure, SamlFigures } from './saml.js';

/** What the SAML figures are held against. */
export const SAML_TARGETS = {
  /** ACS validations/s (validateResponse, strict) ÷ xml-crypto's parse-load-check/s on the same response. */
  acsOverXmlCrypto: 2,
  /** ACS validations/s ÷ node-saml's validatePostResponseAsync/s: at least as fast as the SP library. */
  acsOverNodeSaml: 1,
  /** IdP signatures/s (buildResponse, assertion signed) ÷ crypto.sign/s on the same key. */
  idpOfCryptoSign: 0.2,
} as const;

interface Row {
  side: 'IdP' | 'ACS';
  figure: SamlFigure;
  label: string;
  /** The figure this one is divided by, and how the ratio reads. */
  versus?: { figure: SamlFigure; reads: 'of' | 'over' };
}

const ROWS: Row[] = [
  { side: 'IdP', figure: 'cryptoSign', label: 'node:crypto sign RSA-SHA256 over a SignedInfo' },
  {
    side: 'IdP',
    figure: 'buildResponse',
    label: 'IdP signatures: buildResponse, assertion signed',
    versus: { figure: 'cryptoSign', reads: 'of' },
  },
  {
    side: 'IdP',
    figure: 'signXml',
    label: 'signXml on the typical assertion',
    versus: { figure: 'cryptoSign', reads: 'of' },
  },
  { side: 'ACS', figure: 'cryptoVerify', label: 'node:crypto verify RSA-SHA256, same key/payload' },
  {
    side: 'ACS',
    figure: 'validateResponse',
    label: 'ACS validations: validateResponse, strict',
    versus: { figure: 'cryptoVerify', reads: 'of' },
  },
  {
    side: 'ACS',
    figure: 'verifyOnly',
    label: 'parseXml + verifyElementSignature only',
    versus: { figure: 'cryptoVerify', reads: 'of' },
  },
  {
    side: 'ACS',
    figure: 'xmlCrypto',
    label: 'xml-crypto parse + XPath + load + checkSignature',
    versus: { figure: 'validateResponse', reads: 'over' },
  },
  {
    side: 'ACS',
    figure: 'nodeSaml',
    label: 'node-saml validatePostResponseAsync',
    versus: { figure: 'validateResponse', reads: 'over' },
  },
];

const NAMES: Record<SamlFigure, string> = {
  cryptoSign: 'crypto.sign',
  cryptoVerify: 'crypto.verify',
  buildResponse: 'buildResponse',
  signXml: 'signXml',
  validateResponse: 'validateResponse',
  verifyOnly: 'verify only',
  xmlCrypto: 'xml-crypto',
  nodeSaml: 'node-saml',
};

/** The SAML lines of the report, and the checks they add to the summary. */
export function samlReport(figures: SamlFigures): { text: string; verdicts: Verdict[] } {
  const { rates, bytes } = figures;
  const verdicts: Verdict[] = [];
  const rows = [['side', 'figure', 'ops/s', 'ratio', 'goal']];
  for (const row of ROWS) {
    const ops = rates[row.figure].opsPerSecond;
    let ratio = '(reference)';
    let target = '';
    if (row.versus?.reads === 'of') {
      const of = ops / rates[row.versus.figure].opsPerSecond;
      ratio = `${of.toFixed(3)} of ${NAMES[row.versus.figure]}`;
      if (row.figure === 'buildResponse') {
        const pass = of >= SAML_TARGETS.idpOfCryptoSign;
        verdicts.push({ name: 'SAML IdP buildResponse/crypto.sign', pass });
        target = `≥ ${SAML_TARGETS.idpOfCryptoSign} ${verdict(pass)}`;
      }
    } else if (row.versus) {
      const over = rates[row.versus.figure].opsPerSecond / ops;
      ratio = `${NAMES[row.versus.figure]} ÷ this = ${over.toFixed(2)}x`;
      const goal =
        row.figure === 'xmlCrypto'
          ? SAML_TARGETS.acsOverXmlCrypto
          : row.figure === 'nodeSaml'
            ? SAML_TARGETS.acsOverNodeSaml
            : undefined;
      if (goal !== undefined) {
        const pass = over >= goal;
        verdicts.push({ name: `SAML ACS validateResponse/${NAMES[row.figure]}`, pass });
        target = `≥ ${goal}x ${verdict(pass)}`;
      }
    }
    rows.push([row.side, row.label, int(ops), ratio, target]);
  }
  const ok = figures.problems.length === 0;
  verdicts.push({ name: 'SAML preflight', pass: ok });
  const text = [
    `SAML, in-process in its own node process: ${figures.warmupSeconds} s warm-up + ${figures.seconds} s measured per figure, ` +
      'one call at a time; RSA-2048 key loaded once as KeyObjects',
    `typical Response ${int(bytes.response)} B (assertion signed, ${int(bytes.assertion)} B), SignedInfo ${int(bytes.signedInfo)} B`,
    table(rows),
    `preflight SAML: ${
      ok
        ? 'OK (every path accepts the response and reads alice; validateResponse, xml-crypto and node-saml refuse it with the NameID changed)'
        : `FAILED: ${figures.problems.join('; ')}`
    }`,
  ].join('\n');
  return { text, verdicts };
}

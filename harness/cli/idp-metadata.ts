/**
 * `sso-harness idp-metadata`: the reference IdP's metadata and certificate, for a vendor to
 * configure their SAML SP once; and the key options it shares with `run --sp-metadata`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { referenceIdpMetadata } from '#scenarios';

/** What the command writes to and resolves against. */
interface MetadataIo {
  stdout: NodeJS.WriteStream;
  cwd: string;
}

/** The reference IdP's key pair file for target mode, unless --idp-keys names another. */
export const DEFAULT_IDP_KEY_FILE = '.sso-harness/idp-keys.json';

export const IDP_KEY_OPTIONS = {
  'idp-keys': { type: 'string' },
  'next-idp-keys': { type: 'string' },
  'idp-entity-id': { type: 'string' },
  'idp-base-url': { type: 'string' },
} as const;

/** Writes the reference IdP's metadata and certificate, for a vendor to configure their SP once. */
export async function idpMetadataCommand(args: readonly string[], io: MetadataIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { ...IDP_KEY_OPTIONS, out: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const resolve = (path: string): string => resolvePath(io.cwd, path);
  const { xml, certificatePem, nextCertificatePem } = await referenceIdpMetadata({
    idpKeyFile: resolve(values['idp-keys'] ?? DEFAULT_IDP_KEY_FILE),
    ...(values['next-idp-keys'] === undefined ? {} : { nextKeyFile: resolve(values['next-idp-keys']) }),
    ...(values['idp-entity-id'] === undefined ? {} : { idpEntityId: values['idp-entity-id'] }),
    ...(values['idp-base-url'] === undefined ? {} : { idpBaseUrl: values['idp-base-url'] }),
  });
  const out = resolve(values.out ?? 'sso-harness-idp');
  await mkdir(out, { recursive: true });
  await writeFile(`${out}/JumpCloud-sso-harness-metadata.xml`, xml);
  await writeFile(`${out}/certificate.pem`, certificatePem);
  io.stdout.write(`wrote ${out}/JumpCloud-sso-harness-metadata.xml\nwrote ${out}/certificate.pem\n`);
  if (nextCertificatePem !== undefined) {
    await writeFile(`${out}/certificate-next.pem`, nextCertificatePem);
    io.stdout.write(`wrote ${out}/certificate-next.pem\n`);
  }
  return 0;
}

export function resolvePath(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd}/${path}`;
}

// Reads what Mejora needs from a SAML identity provider's metadata: its entity id, where to send the sign-in
// request (HTTP-Redirect binding) and the certificates its assertions are signed with.
import { DOMParser } from '@xmldom/xmldom';

const md = 'urn:oasis:names:tc:SAML:2.0:metadata';
const ds = 'http://www.w3.org/2000/09/xmldsig#';
const redirectBinding = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export type IdpMetadata = { entityId: string; ssoUrl: string; certificates: string[] };

/** The identity provider described by the metadata, or a sentence saying what is missing. */
export function readIdpMetadata(xml: string): IdpMetadata | string {
  let document: Document;
  try {
    document = new DOMParser({ onError: () => undefined }).parseFromString(
      xml,
      'text/xml',
    ) as unknown as Document;
  } catch {
    return 'is not well-formed XML';
  }
  const root = document?.documentElement;
  if (!root || root.namespaceURI !== md || root.localName !== 'EntityDescriptor')
    return 'must be a SAML EntityDescriptor';
  const entityId = root.getAttribute('entityID');
  if (!entityId) return 'has no entityID';
  const idp = root.getElementsByTagNameNS(md, 'IDPSSODescriptor')[0];
  if (!idp) return 'describes no identity provider (IDPSSODescriptor)';
  const services = Array.from(idp.getElementsByTagNameNS(md, 'SingleSignOnService'));
  const ssoUrl = services
    .find((s) => s.getAttribute('Binding') === redirectBinding)
    ?.getAttribute('Location');
  if (!ssoUrl || !/^https?:\/\//.test(ssoUrl))
    return 'has no SingleSignOnService with the HTTP-Redirect binding';
  const certificates = Array.from(idp.getElementsByTagNameNS(md, 'KeyDescriptor'))
    .filter((key) => (key.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((key) => Array.from(key.getElementsByTagNameNS(ds, 'X509Certificate')))
    .map((cert) => (cert.textContent ?? '').replace(/\s+/g, ''))
    .filter(Boolean);
  if (certificates.length === 0) return 'has no signing certificate (KeyDescriptor use="signing")';
  return { entityId, ssoUrl, certificates };
}

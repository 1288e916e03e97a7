// A SAML 2.0 identity provider made for the tests: a self-signed certificate (node-forge), metadata, and responses
// whose assertion it signs with xml-crypto, each of which a test may spoil on purpose.
import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import forge from 'node-forge';
import { SignedXml } from 'xml-crypto';

export const idpEntityId = 'https://idp.contoso.test/saml';
const ssoUrl = 'https://idp.contoso.test/saml/sso';

export type TestSamlIdp = {
  metadataXml: string;
  certificate: string;
  /** Reads the AuthnRequest Mejora redirected to: its id and the relay state. */
  readRequest(redirectUrl: string): { requestId: string; relayState: string; destination: string };
  response(options: ResponseOptions): string;
};

export type ResponseOptions = {
  inResponseTo: string;
  email: string;
  audience: string;
  recipient: string;
  assertionId?: string;
  /** Seconds from now when the assertion stops being valid (negative: already expired). */
  validForSeconds?: number;
  isSigned?: boolean;
  /** Changes the XML after it was signed. */
  afterSigning?: (xml: string) => string;
};

function selfSigned() {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const subject = [{ name: 'commonName', value: 'idp.contoso.test' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return {
    privateKey: forge.pki.privateKeyToPem(keys.privateKey),
    certificatePem: forge.pki.certificateToPem(cert),
    certificateBase64: forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes()),
  };
}

const instant = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000).toISOString();

export function startSamlIdp(): TestSamlIdp {
  const key = selfSigned();
  const metadataXml = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${idpEntityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${key.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

  return {
    metadataXml,
    certificate: key.certificatePem,
    readRequest(redirectUrl) {
      const url = new URL(redirectUrl);
      const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString(
        'utf8',
      );
      return {
        requestId: /\sID="([^"]+)"/.exec(xml)?.[1] ?? '',
        relayState: url.searchParams.get('RelayState') ?? '',
        destination: url.origin + url.pathname,
      };
    },
    response(options) {
      const assertionId = options.assertionId ?? `_a${randomUUID().replace(/-/g, '')}`;
      const validFor = options.validForSeconds ?? 300;
      const notOnOrAfter = instant(validFor);
      const assertion = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${instant(validFor < 0 ? validFor - 300 : 0)}"><saml:Issuer>${idpEntityId}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${options.email}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${options.inResponseTo}" NotOnOrAfter="${notOnOrAfter}" Recipient="${options.recipient}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${instant(validFor < 0 ? validFor - 300 : -5)}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${options.audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${instant(0)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement></saml:Assertion>`;
      let signed = assertion;
      if (options.isSigned !== false) {
        const signer = new SignedXml({
          privateKey: key.privateKey,
          publicCert: key.certificatePem,
          signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
          canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
        });
        signer.addReference({
          xpath: "//*[local-name(.)='Assertion']",
          transforms: [
            'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
            'http://www.w3.org/2001/10/xml-exc-c14n#',
          ],
          digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
        });
        signer.computeSignature(assertion, {
          prefix: 'ds',
          location: { reference: "//*[local-name(.)='Issuer']", action: 'after' },
        });
        signed = signer.getSignedXml();
      }
      let xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID().replace(/-/g, '')}" Version="2.0" IssueInstant="${instant(0)}" Destination="${options.recipient}" InResponseTo="${options.inResponseTo}"><saml:Issuer>${idpEntityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${signed}</samlp:Response>`;
      if (options.afterSigning) xml = options.afterSigning(xml);
      return Buffer.from(xml, 'utf8').toString('base64');
    },
  };
}

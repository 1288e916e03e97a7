// What Mejora's SCIM service provider says about itself: schema URNs, the attributes of a User it knows, and the
// discovery documents (ServiceProviderConfig, ResourceTypes, Schemas) of RFC 7643 §5–7.

export const coreUserUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const enterpriseUserUrn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const listResponseUrn = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const patchOpUrn = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const errorUrn = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const schemaUrn = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const resourceTypeUrn = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const serviceProviderConfigUrn = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** The most resources one page of a list holds. */
export const maxResults = 200;

type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

export type AttributeDefinition = {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime' | 'binary';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: 'always' | 'default' | 'never' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: AttributeDefinition[];
  /** False for RFC 7643 attributes Mejora accepts in a request but does not keep (phone numbers, addresses...). */
  isStored: boolean;
};

const attribute = (
  name: string,
  description: string,
  options: Partial<AttributeDefinition> = {},
): AttributeDefinition => ({
  name,
  type: 'string',
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  isStored: true,
  ...options,
});

const notKept = { isStored: false } as const;

const multiValuedParts = (kept: boolean) => [
  attribute('value', 'The value', { isStored: kept }),
  attribute('display', 'A human-readable name', notKept),
  attribute('type', 'A label such as work', { isStored: kept }),
  attribute('primary', 'Whether this is the primary value', { type: 'boolean', isStored: kept }),
];

const multiValued = (name: string, description: string): AttributeDefinition =>
  attribute(name, description, {
    type: 'complex',
    multiValued: true,
    isStored: false,
    subAttributes: multiValuedParts(false),
  });

/** The core User attributes of RFC 7643 §4.1 (id, externalId and meta are common to every resource). */
export const coreUserAttributes: AttributeDefinition[] = [
  attribute('userName', 'The address the person signs in with; also their work email', {
    required: true,
    uniqueness: 'server',
  }),
  attribute(
    'name',
    "The person's name; Mejora keeps one name (formatted, or given and family names joined)",
    {
      type: 'complex',
      subAttributes: [
        attribute('formatted', 'The full name'),
        attribute('familyName', 'The family name'),
        attribute('givenName', 'The given name'),
        attribute('middleName', 'The middle name', notKept),
        attribute('honorificPrefix', 'Honorific prefix', notKept),
        attribute('honorificSuffix', 'Honorific suffix', notKept),
      ],
    },
  ),
  attribute('displayName', 'The name shown in Mejora; preferred over name when both are sent'),
  attribute('nickName', 'Casual name', notKept),
  attribute('profileUrl', 'Profile address', { type: 'reference', ...notKept }),
  attribute('title', 'Job title'),
  attribute('userType', 'Kind of worker', notKept),
  attribute('preferredLanguage', 'Preferred language (en or es; es-ES and the like are read as es)'),
  attribute('locale', 'Locale (read as the preferred language when preferredLanguage is absent)'),
  attribute('timezone', 'Time zone', notKept),
  attribute(
    'active',
    'False signs the person out everywhere and stops their sign-in; their records are kept',
    {
      type: 'boolean',
    },
  ),
  attribute(
    'password',
    'Not accepted: people set their own password or sign in through the identity provider',
    {
      mutability: 'writeOnly',
      returned: 'never',
      isStored: false,
    },
  ),
  attribute(
    'emails',
    'Reported as the userName; a new work or primary email changes it when userName is not sent',
    {
      type: 'complex',
      multiValued: true,
      subAttributes: multiValuedParts(true),
    },
  ),
  multiValued('phoneNumbers', 'Phone numbers'),
  multiValued('ims', 'Instant messaging addresses'),
  multiValued('photos', 'Photos'),
  attribute('addresses', 'Postal addresses', {
    type: 'complex',
    multiValued: true,
    isStored: false,
    subAttributes: [
      ...['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type'].map((name) =>
        attribute(name, name, notKept),
      ),
      attribute('primary', 'Whether this is the primary address', { type: 'boolean', ...notKept }),
    ],
  }),
  attribute('groups', 'Groups (read-only)', {
    type: 'complex',
    multiValued: true,
    mutability: 'readOnly',
    isStored: false,
    subAttributes: multiValuedParts(false),
  }),
  multiValued('entitlements', 'Entitlements'),
  multiValued('roles', 'Roles'),
  multiValued('x509Certificates', 'Certificates'),
];

export const enterpriseUserAttributes: AttributeDefinition[] = [
  attribute('employeeNumber', "The company's number for the person; unique in the organisation", {
    uniqueness: 'server',
  }),
  attribute('costCenter', 'Cost center', notKept),
  attribute('organization', 'Organization', notKept),
  attribute('division', 'Division', notKept),
  attribute('department', 'Department'),
  attribute('manager', "The person's manager: value is the manager's SCIM id", {
    type: 'complex',
    subAttributes: [
      attribute('value', "The manager's id"),
      attribute('$ref', "The manager's address", { type: 'reference', isStored: false }),
      attribute('displayName', "The manager's name", { mutability: 'readOnly' }),
    ],
  }),
];

/** Attributes of every resource (RFC 7643 §3.1). */
export const commonAttributes: AttributeDefinition[] = [
  attribute('id', 'Mejora id of the person (their employee record)', {
    mutability: 'readOnly',
    returned: 'always',
    caseExact: true,
    uniqueness: 'server',
  }),
  attribute('externalId', "The identity provider's id for the person", { caseExact: true }),
  attribute('meta', 'Resource metadata', { type: 'complex', mutability: 'readOnly' }),
  attribute('schemas', 'Schema URNs', { multiValued: true, mutability: 'readOnly' }),
];

const strip = ({ isStored: _s, subAttributes, ...rest }: AttributeDefinition): Record<string, unknown> => ({
  ...rest,
  ...(subAttributes ? { subAttributes: subAttributes.map(strip) } : {}),
});

export function schemaDocuments(baseUrl: string) {
  const schema = (id: string, name: string, description: string, attributes: AttributeDefinition[]) => ({
    schemas: [schemaUrn],
    id,
    name,
    description,
    attributes: attributes.map(strip),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${id}` },
  });
  return [
    schema(
      coreUserUrn,
      'User',
      'A person of the organisation: their employee record and account',
      coreUserAttributes,
    ),
    schema(
      enterpriseUserUrn,
      'EnterpriseUser',
      'Employee number, department and manager',
      enterpriseUserAttributes,
    ),
  ];
}

export function resourceTypeDocuments(baseUrl: string) {
  return [
    {
      schemas: [resourceTypeUrn],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person of the organisation',
      schema: coreUserUrn,
      schemaExtensions: [{ schema: enterpriseUserUrn, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
  ];
}

export function serviceProviderConfig(baseUrl: string, documentationUri: string) {
  return {
    schemas: [serviceProviderConfigUrn],
    documentationUri,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A SCIM token made by an HR administrator (POST /api/v1/organization/scim-tokens)',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

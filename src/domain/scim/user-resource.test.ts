import { describe, expect, it } from 'vitest';
import { enterpriseUserUrn, patchOpUrn } from './schemas.ts';
import { applyPatch, canonicalUserOf, type Person, personInputOf, userResourceOf } from './user-resource.ts';

const person: Person = {
  id: '0b7c6a57-1d7e-4a44-9a55-0a8f3f0e1f11',
  revision: 3,
  email: 'ana.garcia@acme.example',
  name: 'Ana García',
  jobTitle: 'Analyst',
  department: 'Sales',
  employeeNumber: 'E1',
  externalId: 'ext-1',
  locale: 'es',
  managerId: null,
  managerName: null,
  isActive: true,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-02T00:00:00Z'),
};

const before = canonicalUserOf(userResourceOf(person, 'https://mejora.example/scim/v2'));
const patch = (...operations: unknown[]) =>
  personInputOf(applyPatch(before, { schemas: [patchOpUrn], Operations: operations }), before);

describe('SCIM User', () => {
  it('round-trips a person through the resource', () => {
    expect(personInputOf(before)).toEqual({
      email: 'ana.garcia@acme.example',
      name: 'Ana García',
      jobTitle: 'Analyst',
      department: 'Sales',
      employeeNumber: 'E1',
      externalId: 'ext-1',
      locale: 'es',
      managerId: null,
      isActive: true,
    });
  });

  it('reports version and location in meta', () => {
    expect(userResourceOf(person, 'https://m.example/scim/v2').meta).toMatchObject({
      version: 'W/"3"',
      location: `https://m.example/scim/v2/Users/${person.id}`,
    });
  });

  it('takes a new given name as a change of the one name kept', () => {
    expect(patch({ op: 'Replace', path: 'name.givenName', value: 'Anabel' }).name).toBe('Anabel García');
  });

  it('takes a new work email as the new userName when userName is not sent', () => {
    expect(patch({ op: 'Add', path: 'emails[type eq "work"].value', value: 'New@Acme.example' }).email).toBe(
      'new@acme.example',
    );
  });

  it('keeps userName over emails when both change', () => {
    const input = patch(
      { op: 'replace', path: 'userName', value: 'upn@acme.example' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'mail@acme.example' },
    );
    expect(input.email).toBe('upn@acme.example');
  });

  it('reads Okta deactivation without a path and Entra ID\'s "False"', () => {
    expect(patch({ op: 'replace', value: { active: false } }).isActive).toBe(false);
    expect(patch({ op: 'Replace', path: 'active', value: 'False' }).isActive).toBe(false);
  });

  it('reads a manager sent as the id itself or as {value}', () => {
    const id = '7d8a8d55-2f0e-4e57-8a0c-0b2f5ce1e3a2';
    expect(patch({ op: 'Add', path: `${enterpriseUserUrn}:manager`, value: id }).managerId).toBe(id);
    expect(
      patch({ op: 'replace', value: { [enterpriseUserUrn]: { manager: { value: id } } } }).managerId,
    ).toBe(id);
    expect(patch({ op: 'remove', path: `${enterpriseUserUrn}:manager` }).managerId).toBeNull();
  });

  it('refuses unknown attributes, read-only targets and bad values with their scimType', () => {
    expect(() => canonicalUserOf({ userName: 'a@b.example', shoeSize: 42 })).toThrow(
      expect.objectContaining({ scimType: 'invalidValue' }),
    );
    expect(() => patch({ op: 'replace', path: 'meta', value: {} })).toThrow(
      expect.objectContaining({ scimType: 'mutability' }),
    );
    expect(() => patch({ op: 'replace', path: 'active', value: 'maybe' })).toThrow(
      expect.objectContaining({ scimType: 'invalidValue' }),
    );
  });

  it('accepts attributes of RFC 7643 it does not keep, and custom extensions the client declares', () => {
    const custom = 'urn:ietf:params:scim:schemas:extension:custom:2.0:User';
    const user = canonicalUserOf({
      schemas: [custom],
      userName: 'a@b.example',
      phoneNumbers: [{ value: '+34 600 000 000', type: 'work' }],
      [custom]: { worksiteId: '180' },
    });
    expect(personInputOf(user).email).toBe('a@b.example');
  });
});

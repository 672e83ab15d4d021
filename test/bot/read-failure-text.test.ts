import { describe, expect, it } from 'vitest';
import { readFailureText } from '../../bot/views/tenant-view';

describe('why a tenant could not be read, in words an operator acts on', () => {
  it('turns Graph statuses into what happened and what to do, without the request path', () => {
    const unavailable = readFailureText('Microsoft Graph kept answering 503 for GET /v1.0/identity/conditionalAccess/policies in tenant Contoso Lab (3 attempts).');
    expect(unavailable).toBe('Microsoft Graph was unavailable for this tenant (HTTP 503) on every attempt.');
    expect(readFailureText('Microsoft Graph answered 403 to GET /beta/deviceManagement/configurationPolicies.')).toContain('an admin of that tenant must grant consent');
    expect(readFailureText('Microsoft Graph answered 429 to GET /beta/x.')).toContain('try again in a few minutes');
    for (const text of [unavailable, readFailureText('Microsoft Graph answered 401 to GET /beta/x.')]) expect(text).not.toMatch(/\/beta|\/v1\.0/);
  });

  it('keeps a reason it does not recognise, and says when no sync has finished yet', () => {
    expect(readFailureText('inventory read failed (TypeError)')).toBe('The last inventory sync failed: inventory read failed (TypeError)');
    expect(readFailureText(undefined)).toBe('It has not been read yet: the first inventory sync has not finished.');
  });
});

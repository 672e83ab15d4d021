import { describe, expect, it } from 'vitest';
import { findSecretPaths, REDACTED_SECRET, redactSecretValues } from '../../../core/subjects/secrets';

describe('secret detection', () => {
  it('finds secret setting values nested in group collections, with their path', () => {
    const raw = {
      settings: [
        {
          settingInstance: {
            groupSettingCollectionValue: [
              { children: [{ simpleSettingValue: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationSecretSettingValue', value: 'tok', valueState: 'encryptedValueToken' } }] },
            ],
          },
        },
      ],
    };
    expect(findSecretPaths(raw)).toEqual(['settings[0].settingInstance.groupSettingCollectionValue[0].children[0].simpleSettingValue.value']);
  });

  it('accepts a secret value given in clear (notEncrypted) as copyable', () => {
    const raw = { v: { '@odata.type': '#microsoft.graph.deviceManagementConfigurationSecretSettingValue', value: 'x', valueState: 'notEncrypted' } };
    expect(findSecretPaths(raw)).toEqual([]);
  });

  it('flags write-only members marked as set but returned empty, and not those returned with a value', () => {
    expect(findSecretPaths({ vpn: { passwordIsSet: true, password: null } })).toEqual(['vpn.password']);
    expect(findSecretPaths({ vpn: { passwordIsSet: true, password: 'given' } })).toEqual([]);
    expect(findSecretPaths({ vpn: { passwordIsSet: false, password: null } })).toEqual([]);
  });

  it('flags a personal Wi-Fi key that Graph leaves out, not an enterprise profile without one', () => {
    expect(findSecretPaths({ wifiSecurityType: 'wpa2Personal', preSharedKey: null })).toEqual(['preSharedKey']);
    expect(findSecretPaths({ wifiSecurityType: 'wpa2Enterprise', preSharedKey: null })).toEqual([]);
  });
});

describe('secret redaction', () => {
  it('replaces each secret value found, in a copy, and leaves blank ones and everything else alone', () => {
    const payload = {
      displayName: 'VPN',
      omaSettings: [
        { omaUri: './Vendor/MSFT/VPNv2/ProfileXML', isEncrypted: true, value: 'MIIBvQYJKoZIhvcNAQcD' },
        { omaUri: './Vendor/MSFT/VPNv2/AlwaysOn', isEncrypted: false, value: 1 },
      ],
      vpn: { passwordIsSet: true, password: null },
    };
    const redacted = redactSecretValues(payload, findSecretPaths(payload));
    expect(redacted.omaSettings[0]!.value).toBe(REDACTED_SECRET);
    expect(redacted.omaSettings[1]!.value).toBe(1);
    expect(redacted.vpn.password).toBeNull();
    expect(payload.omaSettings[0]!.value).toBe('MIIBvQYJKoZIhvcNAQcD');
  });

  it('ignores paths the payload does not have', () => {
    expect(redactSecretValues({ a: 1 }, ['b[3].c', 'a.b'])).toEqual({ a: 1 });
  });
});

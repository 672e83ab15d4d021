import { constantKind, defineIntuneType } from '../intune-type';

const COLLECTION = '/beta/deviceManagement/groupPolicyConfigurations';

/**
 * Administrative templates (ADMX). `$expand=definitionValues` on the policy answers an empty list, so the values
 * are read from `/{id}/definitionValues` with their definition's name and category for comparison.
 */
export const administrativeTemplate = defineIntuneType({
  key: 'administrativeTemplate',
  label: 'Administrative template',
  collectionPath: COLLECTION,
  odataTypes: ['#microsoft.graph.groupPolicyConfiguration'],
  detailReads: [
    {
      property: 'definitionValues',
      path: (id) =>
        `${COLLECTION}/${encodeURIComponent(id)}/definitionValues?$expand=definition($select=displayName,classType,categoryPath),presentationValues`,
    },
  ],
  kindKey: constantKind('groupPolicyConfiguration'),
  notPromotableReason:
    'administrative template settings are separate definition values bound one by one to the target tenant’s ADMX definitions; compare them here and recreate them in the target (or move them to the settings catalog).',
});

import { AUTHENTICATED, errors, json, jsonBody, type ApiPaths } from '../../infra/openapi';
import { privacySettingsSchema } from './privacy.settings';

/** The privacy settings (admins). The reader's own pages (/privacy, /account/…) are pages, not the API. */
export const privacyPaths: ApiPaths = {
  '/api/v1/settings/privacy': {
    get: { tags: ['settings'], security: AUTHENTICATED, summary: 'How long client-address hashes are kept', responses: { '200': json('Settings', privacySettingsSchema), ...errors([401, 403]) } },
    put: {
      tags: ['settings'],
      security: AUTHENTICATED,
      summary: 'Change the retention; expired hashes are dropped at once',
      requestBody: jsonBody(privacySettingsSchema),
      responses: { '200': json('Settings', privacySettingsSchema), ...errors([400, 401, 403]) },
    },
  },
};

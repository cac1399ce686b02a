/**
 * The schema and message URNs of RFC 7643 and RFC 7644.
 * @see RFC 7643 §3, §10.2
 */

/** The core User schema. @see RFC 7643 §4.1 */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The core Group schema. @see RFC 7643 §4.2 */
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** The Enterprise User extension. @see RFC 7643 §4.3 */
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** The Service Provider Configuration schema. @see RFC 7643 §5 */
export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** The ResourceType schema. @see RFC 7643 §6 */
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

/** The schema of Schema resources. @see RFC 7643 §7 */
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** The list (query) response message. @see RFC 7644 §3.4.2 */
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

/**
 * A connector under test: the lifecycle suites provision the Interact and SparkPost mock SPs
 * through the worked connector of examples/connector-module, as `sso-harness run --connector`
 * does. A second test file, so `vitest --shard=1/2` has files to deal out.
 */
import { registerConformance } from 'sso-harness/vitest';
import { connector } from '../connector-module/connector.js';

registerConformance({
  connector,
  sp: ['interact', 'sparkpost'],
  report: 'sso-harness-vitest',
});

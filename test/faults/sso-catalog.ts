/** The sso scenarios a fault switch is proven to make fail (test/faults/sso-faults.test.ts). */
export const SSO_FAULT_CATCHERS: readonly string[] = [];

/**
 * The integration guides the requirement rows come from, by title (each app's README names
 * the sections it emulates).
 */

/** The JumpCloud guides read together: what they all document about the IdP. */
export const GUIDES = 'JumpCloud integration guides (Outreach, Interact Software, Salesforce, SparkPost)';
export const OUTREACH_GUIDE = 'JumpCloud guide "Integrate with Outreach"';
export const INTERACT_GUIDE = 'JumpCloud guide "Integrate with Interact Software"';
export const SALESFORCE_GUIDE = 'JumpCloud guide "Integrate with Salesforce"';
export const PROFITCO_GUIDE = 'Profit.co guide "Configure JumpCloud SSO for OKR software"';
export const SPARKPOST_GUIDE = 'JumpCloud guide "Integrate with SparkPost"';

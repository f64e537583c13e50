/* vl-sample-data.h — the text of the sample plan (included by vl-sample.c)
 *
 * Shoplane sells an e-commerce platform to independent retailers: online
 * stores, checkout and payments, and marketing tools. It runs its product
 * work as value loops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

typedef enum {
  KR_NONE = -1,
  KR_NRR, KR_ACTIVE_MERCHANTS, KR_PAY_MARGIN, KR_COST_PER_ORDER,
  KR_CONVERSION, KR_MOBILE_COMPLETION, KR_REPEAT_RATE, KR_CAMPAIGN_MERCHANTS,
  KR_PAY_SHARE, KR_PAY_FAILURE, KR_PAY_LATER,
  KR_ONEPAGE_GA, KR_CHECKOUT_TIME, KR_LOYALTY_MVP, KR_POINTS_REDEEMED,
  KR_GATEWAY_MIGRATED, KR_GATEWAY_INCIDENTS,
  N_SAMPLE_KRS
} SampleKr;

typedef struct
{
  const char *title;
  const char *owner;
  const char *description;
  int         level;     /* VlLevel */
  int         parent;    /* index into sample_objectives, or -1 */
} SampleObjective;

static const SampleObjective sample_objectives[] = {
  { N_("Become the storefront independent retailers grow with"), "Lena Brandt",
    N_("Merchants stay and grow because their stores sell more every quarter."), 0, -1 },
  { N_("Make every order profitable"), "Tomás Ruiz",
    N_("Payments and operations pay for themselves at every order size."), 0, -1 },
  { N_("Turn more visitors into buyers on merchant stores"), "Mia Hoffmann",
    N_("Storefront business line: conversion on mobile is where the gap is."), 1, 0 },
  { N_("Help merchants bring their customers back"), "Sara Lindqvist",
    N_("Merchant Growth business line: repeat purchases and campaigns."), 1, 0 },
  { N_("Own the payment experience"), "Daniel Okafor",
    N_("Checkout & Payments business line: more GMV on Shoplane Pay, fewer failures."), 1, 1 },
  { N_("Ship the one-page checkout"), "Jonas Weber",
    N_("Project: replace the four-step checkout with one page on every theme."), 2, 2 },
  { N_("Launch the loyalty programme MVP"), "Aisha Khan",
    N_("Project: points and rewards that merchants switch on in one click."), 2, 3 },
  { N_("Retire the legacy payment gateway"), "Wei Zhang",
    N_("Project: move every merchant to the new payments core and switch Gateway v1 off."), 2, 4 },
};

typedef struct
{
  int         objective;
  const char *title;
  const char *owner;
  int         kind;      /* VlKrKind */
  int         direction; /* VlDirection */
  const char *unit;
  double      baseline, target, current;
  double      weight;
  gboolean    done;
} SampleKeyResult;

static const SampleKeyResult sample_key_results[N_SAMPLE_KRS] = {
  [KR_NRR] = { 0, N_("Net revenue retention"), "Lena Brandt", 0, 0, "%", 104, 115, 109, 2, FALSE },
  [KR_ACTIVE_MERCHANTS] = { 0, N_("Active merchants"), "Lena Brandt", 0, 0, N_("merchants"),
                            18000, 25000, 21400, 1, FALSE },
  [KR_PAY_MARGIN] = { 1, N_("Payment processing margin"), "Tomás Ruiz", 0, 0, "%", 1.1, 1.6, 1.3, 1, FALSE },
  [KR_COST_PER_ORDER] = { 1, N_("Cost to serve per order"), "Tomás Ruiz", 0, 1, "EUR",
                          0.42, 0.30, 0.37, 1, FALSE },
  [KR_CONVERSION] = { 2, N_("Storefront conversion rate"), "Mia Hoffmann", 0, 0, "%", 2.1, 2.8, 2.4, 2, FALSE },
  [KR_MOBILE_COMPLETION] = { 2, N_("Mobile checkout completion"), "Mia Hoffmann", 0, 0, "%",
                             61, 72, 66, 1, FALSE },
  [KR_REPEAT_RATE] = { 3, N_("Repeat purchase rate within 90 days"), "Sara Lindqvist", 0, 0, "%",
                       24, 30, 25.5, 2, FALSE },
  [KR_CAMPAIGN_MERCHANTS] = { 3, N_("Merchants sending a campaign every month"), "Sara Lindqvist",
                              0, 0, N_("merchants"), 3100, 6000, 4200, 1, FALSE },
  [KR_PAY_SHARE] = { 4, N_("Share of GMV on Shoplane Pay"), "Daniel Okafor", 0, 0, "%", 38, 55, 44, 2, FALSE },
  [KR_PAY_FAILURE] = { 4, N_("Payment failure rate"), "Daniel Okafor", 0, 1, "%", 4.2, 2.5, 3.6, 1, FALSE },
  [KR_PAY_LATER] = { 4, N_("Pay Later live in Germany and the Netherlands"), "Daniel Okafor", 1, 0, "",
                     0, 1, 0, 1, FALSE },
  [KR_ONEPAGE_GA] = { 5, N_("One-page checkout generally available"), "Jonas Weber", 1, 0, "",
                      0, 1, 0, 1, FALSE },
  [KR_CHECKOUT_TIME] = { 5, N_("Median time from cart to paid"), "Jonas Weber", 0, 1, "s",
                         94, 60, 71, 1, FALSE },
  [KR_LOYALTY_MVP] = { 6, N_("Loyalty MVP live for 500 merchants"), "Aisha Khan", 1, 0, "",
                       0, 1, 1, 1, TRUE },
  [KR_POINTS_REDEEMED] = { 6, N_("Loyalty points redeemed per month"), "Aisha Khan", 0, 0, N_("points"),
                           0, 40000, 9500, 1, FALSE },
  [KR_GATEWAY_MIGRATED] = { 7, N_("All merchants migrated off Gateway v1"), "Wei Zhang", 1, 0, "",
                            0, 1, 0, 2, FALSE },
  [KR_GATEWAY_INCIDENTS] = { 7, N_("Payment gateway incidents per month"), "Wei Zhang", 0, 3, N_("incidents"),
                             6, 1, 2, 1, FALSE },
};

typedef struct
{
  const char *title;
  const char *description;
  char        status;    /* i ready p g(in progress) l v(reviewed) d(ropped) */
  int         aarrr;     /* VlAarrr */
  int         kr;        /* SampleKr */
} SampleItem;

#define AQ 1 /* acquisition */
#define AC 2 /* activation */
#define RT 3 /* retention */
#define RV 4 /* revenue */
#define RF 5 /* referral */

static const SampleItem storefront_items[] = {
  { N_("Guest checkout without account creation"), N_("Shoppers can pay without creating an account; the account offer moves to the order confirmation."), 'v', AC, KR_CONVERSION },
  { N_("Apple Pay and Google Pay on product pages"), N_("Express wallets right under the Add to cart button on mobile."), 'v', RV, KR_MOBILE_COMPLETION },
  { N_("Address autocomplete in checkout"), N_("Suggest full addresses after three characters to cut typing on phones."), 'l', AC, KR_MOBILE_COMPLETION },
  { N_("Sticky Add to cart bar on mobile"), N_("Keep price and the button visible while the shopper scrolls the product page."), 'l', AC, KR_CONVERSION },
  { N_("Faster product images with responsive sizes"), N_("Serve WebP in the size the device needs; product pages are 2.3 MB today."), 'v', AQ, KR_CONVERSION },
  { N_("Trust badges and return policy at payment step"), N_("Show secure-payment and free-returns promises where shoppers hesitate."), 'v', AC, KR_CONVERSION },
  { N_("One-page checkout: shipping and payment together"), N_("Merge the shipping and payment steps into one page with inline validation."), 'g', AC, KR_ONEPAGE_GA },
  { N_("One-page checkout: theme compatibility layer"), N_("Render the new checkout inside the 40 most used merchant themes without custom CSS."), 'g', AC, KR_ONEPAGE_GA },
  { N_("One-page checkout: A/B rollout switch"), N_("Merchants opt in, we ramp 10% → 50% → 100% by cohort with a kill switch."), 'p', AC, KR_ONEPAGE_GA },
  { N_("Inline error messages for card fields"), N_("Say what is wrong next to the field instead of a banner at the top."), 'p', AC, KR_CHECKOUT_TIME },
  { N_("Remember shipping method for returning shoppers"), N_("Pre-select the last used shipping method on the same device."), 'r', RT, KR_CHECKOUT_TIME },
  { N_("Search suggestions with product thumbnails"), N_("Show the top five products while typing in the store search."), 'p', AC, KR_CONVERSION },
  { N_("Zero-result search recovery"), N_("When search finds nothing, offer spelling fixes and best sellers instead of a blank page."), 'r', AC, KR_CONVERSION },
  { N_("Size guide overlay for apparel themes"), N_("A size table the merchant fills once per product type."), 'i', AC, KR_CONVERSION },
  { N_("Back-in-stock notifications"), N_("Shoppers leave an email on sold-out variants and get one message when stock returns."), 'l', RT, KR_REPEAT_RATE },
  { N_("Product reviews with photos"), N_("Verified buyers upload photos with their review; merchants moderate in one list."), 'r', AQ, KR_CONVERSION },
  { N_("Shipping cost estimate on product pages"), N_("Show delivery cost and date before the cart, based on the visitor's country."), 'p', AC, KR_CONVERSION },
  { N_("Free-shipping progress bar in cart"), N_("Tell shoppers how much more they need to spend for free shipping."), 'v', RV, KR_NRR },
  { N_("Cart drawer instead of cart page"), N_("Open the cart as a side drawer so shoppers keep browsing."), 'g', AC, KR_CONVERSION },
  { N_("Page speed budget in theme editor"), N_("Warn merchants when a section pushes the page over 2.5 s on a mid-range phone."), 'i', AQ, KR_CONVERSION },
  { N_("Multi-currency prices by visitor location"), N_("Show prices in the visitor's currency with rounding rules per market."), 'r', RV, KR_ACTIVE_MERCHANTS },
  { N_("Localised checkout for Poland and Czechia"), N_("Translations, local address formats and BLIK as a payment method."), 'i', AQ, KR_ACTIVE_MERCHANTS },
  { N_("Accessible colour contrast in default themes"), N_("Bring the three default themes to WCAG AA contrast."), 'p', AC, KR_NONE },
  { N_("Product comparison for electronics stores"), N_("Compare up to four products side by side by their attributes."), 'd', AC, KR_CONVERSION },
  { N_("Recently viewed products strip"), N_("A strip on the home and product pages with the last eight products seen."), 'l', RT, KR_CONVERSION },
  { N_("Exit-intent discount pop-up"), N_("Merchants offer a one-time code when a desktop visitor moves to leave."), 'd', AQ, KR_CONVERSION },
  { N_("Bundles: buy the look"), N_("Sell a set of products at a bundle price with one Add to cart."), 'i', RV, KR_NRR },
  { N_("Store-wide announcement bar scheduler"), N_("Schedule banners for sales start and end times in the store's time zone."), 'r', AQ, KR_NONE },
  { N_("Variant picker with swatches"), N_("Colour swatches and sold-out states instead of drop-down lists."), 'v', AC, KR_CONVERSION },
  { N_("Lazy-loaded collection pages"), N_("Load products as the shopper scrolls instead of paginating."), 'l', AC, KR_CONVERSION },
  { N_("Wishlist without login"), N_("Save products on the device and offer to keep them with an email later."), 'i', RT, KR_REPEAT_RATE },
  { N_("Quick view on collection pages"), N_("Pick variant and add to cart without leaving the collection."), 'r', AC, KR_CONVERSION },
  { N_("Delivery date promise in checkout"), N_("Show the latest delivery date per shipping method, from carrier data."), 'p', AC, KR_MOBILE_COMPLETION },
  { N_("Checkout in the shopper's language"), N_("Follow the browser language instead of the store default."), 'g', AC, KR_MOBILE_COMPLETION },
  { N_("SEO: structured data for products"), N_("Price, availability and reviews as schema.org markup for rich results."), 'v', AQ, KR_ACTIVE_MERCHANTS },
  { N_("Referral link on order confirmation"), N_("Shoppers share a link; their friend and they both get a discount."), 'i', RF, KR_NRR },
  { N_("Social proof: bought in the last 24 hours"), N_("Show how many people bought this product today, when above a threshold."), 'd', AC, KR_CONVERSION },
  { N_("Store password page with launch countdown"), N_("Merchants collect emails before their store opens."), 'i', AQ, KR_ACTIVE_MERCHANTS },
  { N_("Image zoom on touch devices"), N_("Pinch to zoom product images on phones without leaving the page."), 'l', AC, KR_CONVERSION },
  { N_("Gift messages and gift wrap option"), N_("A gift note and wrapping fee the merchant sets per store."), 'r', RV, KR_NRR },
};

static const SampleItem checkout_items[] = {
  { N_("Saved cards at checkout"), N_("Returning shoppers pay with a stored card after a one-time consent."), 'v', RV, KR_PAY_SHARE },
  { N_("3-D Secure 2 frictionless flow"), N_("Send the full data set so most payments pass without a challenge."), 'v', RV, KR_PAY_FAILURE },
  { N_("Automatic retry of soft-declined payments"), N_("Retry once through the backup acquirer when the issuer declines softly."), 'l', RV, KR_PAY_FAILURE },
  { N_("Pay Later in Germany"), N_("Invoice and instalments for German shoppers through our credit partner."), 'g', RV, KR_PAY_LATER },
  { N_("Pay Later in the Netherlands"), N_("The same Pay Later offer with iDEAL fallback for Dutch shoppers."), 'p', RV, KR_PAY_LATER },
  { N_("iDEAL 2.0 redirect flow"), N_("Move to the new iDEAL flow before the old one is switched off."), 'g', RV, KR_PAY_SHARE },
  { N_("Shoplane Pay onboarding in five minutes"), N_("Merchants verify identity and bank account inside the admin, no paper forms."), 'l', AC, KR_PAY_SHARE },
  { N_("Instant payouts for verified merchants"),
    /* xgettext:no-c-format */
    N_("Pay out to the merchant's card within 30 minutes for a 1% fee."), 'r', RV, KR_PAY_MARGIN },
  { N_("Payout schedule settings"), N_("Daily, weekly or monthly payouts chosen by the merchant."), 'v', RT, KR_PAY_SHARE },
  { N_("Dispute evidence assistant"), N_("Collect tracking, emails and receipts into the acquirer's dispute form."), 'p', RT, KR_PAY_MARGIN },
  { N_("Chargeback alerts by email and push"), N_("Tell merchants within the hour when a chargeback opens."), 'l', RT, KR_PAY_MARGIN },
  { N_("Fraud rules editor"), N_("Merchants block or review orders by country, amount and velocity."), 'r', RT, KR_PAY_FAILURE },
  { N_("Risk score on the order page"), N_("Show the fraud score and its main reasons next to each order."), 'v', RT, KR_PAY_FAILURE },
  { N_("Network tokens for stored cards"), N_("Use card-network tokens so saved cards survive reissues."), 'g', RV, KR_PAY_FAILURE },
  { N_("Account updater for expired cards"), N_("Refresh stored card details monthly from the card schemes."), 'p', RT, KR_PAY_FAILURE },
  { N_("Checkout error analytics for merchants"), N_("A report of where and why payments fail, by method and device."), 'r', RT, KR_PAY_FAILURE },
  { N_("Cheaper routing for domestic debit cards"), N_("Route domestic debit through the local scheme to cut interchange."), 'l', RV, KR_PAY_MARGIN },
  { N_("Surcharge-free card acceptance for EU"), N_("Remove surcharge settings where EU rules forbid them."), 'v', RV, KR_NONE },
  { N_("Partial refunds from the order page"), N_("Refund single lines or shipping without leaving the order."), 'v', RT, KR_COST_PER_ORDER },
  { N_("Refunds to store credit"), N_("Offer store credit instead of money back, with a bonus the merchant sets."), 'r', RT, KR_REPEAT_RATE },
  { N_("Split payments across two cards"), N_("Let shoppers pay a large order with two cards."), 'd', RV, KR_PAY_SHARE },
  { N_("Subscription billing for consumables"), N_("Subscribe and save on products the merchant marks as repeatable."), 'i', RT, KR_NRR },
  { N_("PayPal through Shoplane Pay"), N_("Merchants get PayPal without their own PayPal contract."), 'p', RV, KR_PAY_SHARE },
  { N_("Klarna migration to Pay Later"), N_("Move merchants using the Klarna app to our Pay Later with the same terms."), 'i', RV, KR_PAY_SHARE },
  { N_("Tax-inclusive prices in checkout"), N_("Show VAT-inclusive totals for EU shoppers on every line."), 'l', AC, KR_MOBILE_COMPLETION },
  { N_("Order confirmation page redesign"), N_("Clear next steps, delivery date and account offer after payment."), 'v', RT, KR_REPEAT_RATE },
  { N_("Abandoned checkout recovery email"), N_("One reminder 2 hours after a shopper leaves checkout, with their cart."), 'v', RV, KR_CONVERSION },
  { N_("SMS recovery for abandoned checkouts"), N_("Text reminder where the shopper gave a phone number and consent."), 'i', RV, KR_CONVERSION },
  { N_("Discount codes on the payment step"), N_("Move the code field so it does not send shoppers hunting for codes."), 'l', RV, KR_MOBILE_COMPLETION },
  { N_("Gift cards as a payment method"), N_("Redeem store gift cards together with another method."), 'r', RV, KR_NRR },
  { N_("Cash on delivery for Romania and Bulgaria"), N_("Offer cash on delivery with carrier reconciliation."), 'd', AQ, KR_ACTIVE_MERCHANTS },
  { N_("Checkout uptime status page"), N_("Public status page with payments and checkout health."), 'r', RT, KR_NONE },
  { N_("Strong customer authentication exemptions"), N_("Apply low-value and trusted-beneficiary exemptions automatically."), 'p', RV, KR_PAY_FAILURE },
  { N_("Payment method icons by market"), N_("Show the methods shoppers in each country expect, in their order of use."), 'l', AC, KR_MOBILE_COMPLETION },
  { N_("Merchant fee calculator"), N_("Show expected payment fees per month before a merchant switches to Shoplane Pay."), 'v', AQ, KR_PAY_SHARE },
  { N_("Reconciliation export for accountants"), N_("Monthly payout report with fees per order in DATEV and CSV formats."), 'g', RT, KR_COST_PER_ORDER },
  { N_("Apple Pay merchant domain auto-verify"), N_("Verify store domains for Apple Pay without manual file upload."), 'v', AC, KR_PAY_SHARE },
  { N_("Card brand choice for co-badged cards"), N_("Let shoppers choose the scheme on co-badged cards as EU rules require."), 'p', RV, KR_PAY_MARGIN },
};

static const SampleItem growth_items[] = {
  { N_("Win-back email automation"), N_("Send a personal offer to customers who have not ordered in 90 days."), 'v', RT, KR_REPEAT_RATE },
  { N_("Post-purchase review request"), N_("Ask for a review 10 days after delivery, with one-tap stars in the email."), 'v', RT, KR_REPEAT_RATE },
  { N_("Loyalty points on every order"), N_("Shoppers earn points per euro; merchants set the rate."), 'l', RT, KR_LOYALTY_MVP },
  { N_("Loyalty rewards catalogue"), N_("Redeem points for discounts, free shipping or products."), 'l', RT, KR_POINTS_REDEEMED },
  { N_("Loyalty tiers: silver and gold"), N_("Spending thresholds unlock better rates and perks."), 'p', RT, KR_POINTS_REDEEMED },
  { N_("Points balance in the store header"), N_("Logged-in shoppers see their balance and what it is worth."), 'g', RT, KR_POINTS_REDEEMED },
  { N_("Birthday rewards"), N_("Bonus points or a code in the birthday month."), 'r', RT, KR_REPEAT_RATE },
  { N_("Campaign builder with drag-and-drop blocks"), N_("Compose newsletters from products, images and discount blocks."), 'v', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Campaign templates for Black Friday"), N_("Ready-made seasonal campaigns merchants send in three clicks."), 'l', RV, KR_CAMPAIGN_MERCHANTS },
  { N_("Audience segments by purchase history"), N_("Target customers by what, when and how much they bought."), 'g', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Send-time optimisation"), N_("Send each email when that customer usually opens mail."), 'r', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Campaign revenue attribution"), N_("Show orders and revenue each campaign brought within 7 days."), 'v', RV, KR_CAMPAIGN_MERCHANTS },
  { N_("Double opt-in for newsletter sign-ups"), N_("Confirm subscriptions by email as German law expects."), 'v', AQ, KR_NONE },
  { N_("Sign-up pop-up with first-order discount"), N_("Collect subscribers with a welcome code, shown once per visitor."), 'l', AQ, KR_CAMPAIGN_MERCHANTS },
  { N_("Welcome series for new subscribers"), N_("Three emails over a week that introduce the brand and best sellers."), 'p', AC, KR_REPEAT_RATE },
  { N_("Product recommendations in emails"), N_("Personal picks based on browsing and purchases in every campaign."), 'r', RT, KR_REPEAT_RATE },
  { N_("Google Shopping feed sync"), N_("Keep products, prices and stock in sync with Merchant Center hourly."), 'v', AQ, KR_ACTIVE_MERCHANTS },
  { N_("Meta catalogue and pixel setup wizard"), N_("Connect Facebook and Instagram shops with one login."), 'l', AQ, KR_ACTIVE_MERCHANTS },
  { N_("TikTok Shop integration"), N_("Sell the catalogue on TikTok Shop with orders flowing into Shoplane."), 'i', AQ, KR_ACTIVE_MERCHANTS },
  { N_("Referral programme for shoppers"), N_("Give ten, get ten: shoppers invite friends with a personal link."), 'p', RF, KR_ACTIVE_MERCHANTS },
  { N_("Merchant referral: invite another store"), N_("Merchants get a month free for each store they bring."), 'g', RF, KR_ACTIVE_MERCHANTS },
  { N_("Customer lifetime value report"), N_("LTV by first-order month and channel, for merchants on Grow plans."), 'r', RT, KR_NRR },
  { N_("Cohort retention chart in analytics"), N_("Share of customers who order again, by month of first order."), 'v', RT, KR_REPEAT_RATE },
  { N_("SMS campaigns"), N_("Send short campaigns by SMS with consent tracking."), 'i', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("WhatsApp order updates"), N_("Order and shipping updates by WhatsApp where shoppers opt in."), 'i', RT, KR_REPEAT_RATE },
  { N_("Discount stacking rules"), N_("Merchants decide which discounts combine."), 'l', RV, KR_NRR },
  { N_("Automatic discounts for first orders"), N_("Apply a welcome discount without a code for new customers."), 'v', AC, KR_REPEAT_RATE },
  { N_("Abandoned browse reminders"), N_("Remind subscribers of products they viewed but did not add."), 'd', RT, KR_REPEAT_RATE },
  { N_("Email deliverability dashboard"), N_("Bounce, spam and open rates with fixes for each problem."), 'p', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Custom sending domain setup"), N_("Guided DNS setup so campaigns come from the merchant's domain."), 'v', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Influencer discount codes with tracking"), N_("Unique codes per creator with sales per code."), 'r', AQ, KR_ACTIVE_MERCHANTS },
  { N_("Customer accounts with order history"), N_("Shoppers see past orders and reorder in one tap."), 'l', RT, KR_REPEAT_RATE },
  { N_("One-click reorder"), N_("Reorder a past order from the account page or an email."), 'v', RT, KR_REPEAT_RATE },
  { N_("Marketing calendar"), N_("Plan campaigns and sales on one calendar with seasonal hints."), 'i', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Review widgets for Google Seller Ratings"), N_("Send store reviews to Google to earn stars in ads."), 'r', AQ, KR_CONVERSION },
  { N_("Loyalty programme onboarding checklist"), N_("Five steps that take a merchant from off to live."), 'v', AC, KR_LOYALTY_MVP },
  { N_("Points expiry reminders"), N_("Remind shoppers 14 days before their points expire."), 'p', RT, KR_POINTS_REDEEMED },
  { N_("Shared loyalty across a merchant's stores"), N_("One balance for merchants with several storefronts."), 'd', RT, KR_POINTS_REDEEMED },
};

static const SampleItem platform_items[] = {
  { N_("Card vault tokenisation API"), N_("Store cards once, reuse tokens across checkout, subscriptions and refunds."), 'v', RV, KR_PAY_SHARE },
  { N_("Payments core: acquirer routing service"), N_("Choose the acquirer per payment by cost and approval rate."), 'l', RV, KR_PAY_MARGIN },
  { N_("Gateway v1 merchant migration tooling"), N_("Batch-migrate merchants with dry runs and automatic rollback."), 'g', RV, KR_GATEWAY_MIGRATED },
  { N_("Gateway v1 shutdown runbook"), N_("Freeze, drain and switch off the old gateway without losing a payment."), 'p', RV, KR_GATEWAY_MIGRATED },
  { N_("Payment events stream"), N_("Publish payment state changes to the event bus for every consumer."), 'v', RV, KR_GATEWAY_INCIDENTS },
  { N_("Idempotent payment capture"), N_("Captures can be retried safely; no double charges after timeouts."), 'v', RV, KR_GATEWAY_INCIDENTS },
  { N_("Checkout service: one-page API"), N_("A single endpoint that validates address, shipping and payment together."), 'g', AC, KR_ONEPAGE_GA },
  { N_("Address validation service"), N_("Normalise and validate addresses for 30 countries."), 'l', AC, KR_MOBILE_COMPLETION },
  { N_("Shipping rates cache"), N_("Cache carrier rates per route to answer checkout in under 100 ms."), 'v', AC, KR_CHECKOUT_TIME },
  { N_("Image CDN with on-the-fly resizing"), N_("Resize and convert product images at the edge."), 'v', AQ, KR_CONVERSION },
  { N_("Search service: typo tolerance"), N_("Find products despite one or two typos per word."), 'p', AC, KR_CONVERSION },
  { N_("Search service: synonyms per store"), N_("Merchants add synonyms such as sneakers = trainers."), 'r', AC, KR_CONVERSION },
  { N_("Customer profile service"), N_("One profile per shopper across orders, loyalty and marketing."), 'g', RT, KR_REPEAT_RATE },
  { N_("Loyalty ledger service"), N_("An append-only ledger of points earned, spent and expired."), 'l', RT, KR_LOYALTY_MVP },
  { N_("Consent store for marketing"), N_("Record consent per channel with proof, for GDPR audits."), 'v', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Email sending pipeline on dedicated IPs"), N_("Warm-up and reputation monitoring for campaign traffic."), 'l', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Segment query engine"), N_("Evaluate audience segments over 50 million customers in under a minute."), 'g', RT, KR_CAMPAIGN_MERCHANTS },
  { N_("Product feed export service"), N_("One feed format mapped to Google, Meta and TikTok."), 'v', AQ, KR_ACTIVE_MERCHANTS },
  { N_("Rate limiting for storefront API"), N_("Protect stores from bots without hurting real shoppers."), 'v', AQ, KR_COST_PER_ORDER },
  { N_("Order service: partial refunds"), N_("Refund lines and shipping separately with correct tax."), 'v', RT, KR_COST_PER_ORDER },
  { N_("Tax engine: EU one-stop shop"), N_("Destination VAT for cross-border EU sales."), 'l', RV, KR_ACTIVE_MERCHANTS },
  { N_("Multi-currency price service"), N_("Exchange rates, rounding rules and price overrides per market."), 'p', RV, KR_ACTIVE_MERCHANTS },
  { N_("Fraud scoring model v2"), N_("Retrain with chargeback data from the last 18 months."), 'g', RT, KR_PAY_FAILURE },
  { N_("Network tokens provisioning"), N_("Request and refresh card-network tokens for stored cards."), 'g', RV, KR_PAY_FAILURE },
  { N_("Pay Later credit partner integration"), N_("Credit checks, instalment plans and settlement with our partner."), 'g', RV, KR_PAY_LATER },
  { N_("Payout ledger and reconciliation"), N_("Double-entry ledger for every payout, fee and adjustment."), 'g', RT, KR_COST_PER_ORDER },
  { N_("Observability for checkout latency"), N_("Trace every checkout request across services with p95 alerts."), 'v', RV, KR_GATEWAY_INCIDENTS },
  { N_("Feature flag service for merchant cohorts"), N_("Ramp features by merchant cohort with instant kill switches."), 'v', AC, KR_ONEPAGE_GA },
  { N_("Theme rendering engine upgrade"), N_("Server-side rendering of themes with streaming HTML."), 'r', AQ, KR_CONVERSION },
  { N_("Notifications service: push and SMS"), N_("One API for email, SMS and push with templates per store."), 'i', RT, KR_REPEAT_RATE },
  { N_("Data warehouse: merchant analytics tables"), N_("Daily tables for conversion, retention and revenue per store."), 'l', RT, KR_NRR },
  { N_("Gift card service"), N_("Issue, redeem and expire gift cards with a balance ledger."), 'r', RV, KR_NRR },
  { N_("Subscriptions engine"), N_("Recurring orders with retries and dunning."), 'i', RT, KR_NRR },
  { N_("Single sign-on for merchant staff"), N_("SAML and Google login for merchant teams."), 'd', RT, KR_NONE },
  { N_("Archive orders older than seven years"), N_("Move old orders to cold storage with restore on request."), 'i', RT, KR_COST_PER_ORDER },
};

/* Platform items that a product-line demand raised: platform index → the
 * title of the upstream item. */
static const struct { guint platform; const char *upstream; } sample_upstream[] = {
  { 0, N_("Saved cards at checkout") },
  { 2, N_("Saved cards at checkout") },
  { 6, N_("One-page checkout: shipping and payment together") },
  { 7, N_("Address autocomplete in checkout") },
  { 9, N_("Faster product images with responsive sizes") },
  { 10, N_("Zero-result search recovery") },
  { 13, N_("Loyalty points on every order") },
  { 14, N_("Double opt-in for newsletter sign-ups") },
  { 16, N_("Audience segments by purchase history") },
  { 17, N_("Google Shopping feed sync") },
  { 19, N_("Partial refunds from the order page") },
  { 21, N_("Multi-currency prices by visitor location") },
  { 23, N_("Network tokens for stored cards") },
  { 24, N_("Pay Later in Germany") },
  { 31, N_("Gift cards as a payment method") },
};

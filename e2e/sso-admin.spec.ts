import { readFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/fixtures";
import { api } from "../convex/_generated/api";
import { verifySignature } from "../convex/engine/webhook";
import { convexAs, newAccount, signUp } from "./support/accounts";
import { ConsoleErrors } from "./support/console-errors";

/**
 * The SSO admin pages: the sign-in policy form, the audit log (filters,
 * details, CSV export) and a connection's webhooks, with a real signed
 * delivery to a receiver this test runs. The connection is created through
 * the RPC, so this spec doesn't depend on the connections pages.
 *
 * The dev stack must let webhooks reach 127.0.0.1: the functions' env needs
 * ALLOW_PRIVATE_WEBHOOK_URLS=true and ENCRYPTION_KEYS (endpoint secrets are
 * sealed at rest).
 */

/** Unique per call: the backend is shared by the whole run. */
function unique(label: string): string {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

type ReceivedRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/** An HTTP server on 127.0.0.1 that records every request and answers 200. */
async function startReceiver() {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/sso`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        // The backend's fetch keeps connections alive; close() alone would wait for them to time out.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(request: ReceivedRequest, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? "");
}

let consoleErrors: ConsoleErrors;

test.beforeEach(({ page }) => {
  consoleErrors = new ConsoleErrors(page);
});

test.afterEach(() => {
  consoleErrors.expectNone();
});

test("a signed-out visit to the audit log goes to sign-in and remembers the page", async ({ page }) => {
  await page.goto("/settings/audit");
  await expect(page).toHaveURL("/sign-in?redirectTo=%2Fsettings%2Faudit");
});

test("admin: policy form, audit log with filters, details and CSV, webhook with a signed test delivery", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const admin = newAccount("sso-admin");
  const groupName = unique("SSO Org");
  // Quotes and a comma: the CSV export has to escape them.
  const connectionName = `Acme "Okta", EU`;

  // Sign up, create the organization; the connection comes from the RPC.
  await signUp(page, admin);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Organization name").fill(groupName);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const group = await (await convexAs(context)).query(api.groups.active, {});
  expect(group?.name).toBe(groupName);
  const groupId = group!.groupId;
  const connectionId = await (await convexAs(context)).mutation(api.auth.group.createConnection, {
    groupId,
    protocol: "oidc",
    name: connectionName,
  });

  // --- Policy: a form with live checks; an empty role mapping blocks saving until it is filled in.
  await page.goto("/settings/policy");
  await expect(page.getByRole("heading", { level: 1, name: "Sign-in policy" })).toBeVisible();
  const save = page.getByRole("button", { name: "Save policy" });
  await expect(save).toBeDisabled();
  await expect(page.getByRole("radio", { name: "Soft: deactivate" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Account linking" }).getByRole("radio")).toHaveCount(3);
  await expect(page.getByTestId("policy-checks-summary")).toHaveText("No problems found");

  await page.getByRole("radio", { name: "Hard: remove membership" }).check();
  await expect(page.getByTestId("policy-save-bar")).toContainText("Unsaved changes: deprovisioning");
  await page.getByRole("button", { name: "Add mapping" }).click();
  const value = page.getByLabel("IdP value, mapping 1");
  await expect(value).toBeFocused();
  await expect(page.getByTestId("policy-check-error")).toHaveText("Error: Every role mapping needs an IdP value (up to 200 characters).");
  await expect(value).toHaveAttribute("aria-invalid", "true");
  await expect(save).toBeDisabled();

  await value.fill("engineering-admins");
  await page.getByLabel("Role, mapping 1").selectOption("admin");
  await expect(page.getByTestId("policy-check-error")).toHaveCount(0);
  await expect(page.getByTestId("policy-checks-summary")).toHaveText("No problems found");
  await expect(page.getByTestId("policy-save-bar")).toContainText("Unsaved changes: role mapping, deprovisioning");
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: "Policy saved." })).toBeVisible();
  await expect(save).toBeDisabled();

  const saved = await (await convexAs(context)).query(api.auth.group.getPolicy, { groupId });
  expect(saved.deprovision).toBe("hard");
  expect(saved.roleMapping).toEqual([{ source: "groups", value: "engineering-admins", role: "admin" }]);
  // A reload shows the stored policy.
  await page.reload();
  await expect(page.getByRole("radio", { name: "Hard: remove membership" })).toBeChecked();
  await expect(page.getByLabel("IdP value, mapping 1")).toHaveValue("engineering-admins");
  await expect(page.getByLabel("Role, mapping 1")).toHaveValue("admin");

  // --- Audit log: both events, filters, the details drawer, CSV export.
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Policy updated");
  await expect(rows.nth(1)).toContainText("Connection created");

  await page.getByLabel("Event", { exact: true }).selectOption("policy.updated");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-kind", "policy.updated");
  await page.getByLabel("Outcome").selectOption("failure");
  await expect(page.getByText("No events match these filters")).toBeVisible();
  await page.getByLabel("Outcome").selectOption("");
  await expect(rows).toHaveCount(1);

  await rows.first().click();
  const drawer = page.getByRole("dialog", { name: "Policy updated" });
  await expect(drawer).toBeVisible();
  // `fields` lists what the save changed (the backend decides the order).
  await expect(drawer.getByTestId("audit-metadata")).toContainText(/fields\s*(deprovision,roleMapping|roleMapping,deprovision)$/);
  await expect(drawer).toContainText(`${admin.name} (you)`);
  await expect(drawer).toContainText("Organization-wide");
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();

  // The connection filter, then the connection's own event in the drawer.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByLabel("Connection", { exact: true }).selectOption({ label: connectionName });
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("button", { name: /^Connection created/ }).click();
  const connectionDrawer = page.getByRole("dialog", { name: "Connection created" });
  await expect(connectionDrawer.getByTestId("audit-metadata")).toContainText("oidc");
  await expect(connectionDrawer).toContainText(connectionId);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(2);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-log-${group!.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n");
  expect(lines[0]).toBe(
    "id,time,kind,kind_label,outcome,actor_type,actor_id,actor,target_type,target_id,target,connection_id,connection,reason,metadata",
  );
  expect(lines).toHaveLength(4); // header, two events, and the final line break
  expect(lines[1]).toContain(",policy.updated,Policy updated,success,user,");
  expect(lines[1]).toContain(`,${admin.name},`); // no "(you)" in a file others read
  expect(lines[1]).toMatch(/,"\{""fields"":""(deprovision,roleMapping|roleMapping,deprovision)""\}"$/);
  expect(lines[2]).toContain(",connection.created,Connection created,success,user,");
  expect(lines[2]).toContain(`,connection,${connectionId},"Acme ""Okta"", EU",${connectionId},"Acme ""Okta"", EU",,`);
  expect(lines[2]).toMatch(/,"\{""protocol"":""oidc""\}"$/);

  // --- Policy again: someone else saves while this form has an edit. Their setting shows up, the edit here stays.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Policy" }).click();
  const enforce = page.getByRole("switch", { name: "Require SSO on your verified domains" });
  await enforce.check();
  await expect(page.getByTestId("policy-check-warning").first()).toBeVisible();
  await (await convexAs(context)).mutation(api.auth.group.updatePolicy, { groupId, data: { accountLinking: "none" } });
  await expect(page.getByText("Someone else saved the policy while you were editing")).toBeVisible();
  await expect(page.getByRole("radio", { name: "Never link" })).toBeChecked();
  await expect(enforce).toBeChecked();
  await expect(page.getByTestId("policy-save-bar")).toContainText("Unsaved changes: SSO enforcement");
  await page.getByRole("button", { name: "Discard", exact: true }).click();
  await expect(enforce).not.toBeChecked();
  await expect(page.getByRole("radio", { name: "Never link" })).toBeChecked();
  await expect(page.getByText("Someone else saved the policy while you were editing")).toHaveCount(0);

  // --- Webhooks: register the local receiver, see the secret once, send a test event, check its signature.
  const receiver = await startReceiver();
  try {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`/settings/connections/${connectionId}/webhooks`);
    await expect(page.getByRole("heading", { level: 2, name: "Webhook endpoints" })).toBeVisible();
    await expect(page.getByText("No endpoints yet")).toBeVisible();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const createDialog = page.getByRole("dialog", { name: "Add webhook endpoint" });
    await createDialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(createDialog.getByLabel("Endpoint URL")).toHaveAccessibleDescription("Enter the URL to send events to.");
    await createDialog.getByLabel("Endpoint URL").fill(receiver.url);
    await expect(createDialog.getByRole("checkbox", { name: /^All events/ })).toBeChecked();
    await createDialog.getByRole("button", { name: "Add endpoint" }).click();

    const secretDialog = page.getByRole("dialog", { name: "Endpoint added" });
    await expect(secretDialog).toContainText("won't be shown again");
    const secret = await secretDialog.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);
    await secretDialog.getByRole("button", { name: "Copy signing secret" }).click();
    await expect(secretDialog.getByRole("status").filter({ hasText: "Copied signing secret" })).toBeAttached();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await secretDialog.getByRole("button", { name: "Done" }).click();
    await expect(secretDialog).toBeHidden();

    const endpoint = page.getByTestId("webhook-endpoint").filter({ hasText: receiver.url });
    await expect(endpoint).toHaveAttribute("data-status", "active");
    await expect(endpoint).toContainText("All events");
    await expect(endpoint).toContainText("Nothing sent yet");
    // Shown once: nowhere on the page any more.
    await expect(page.locator(`input[value="${secret}"]`)).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    await endpoint.getByRole("button", { name: /^Send test event/ }).click();
    await expect(endpoint.getByRole("status").filter({ hasText: "Test event sent." })).toBeVisible();
    await expect.poll(() => receiver.received.length, { message: "the receiver got the test event", timeout: 20_000 }).toBe(1);
    const request = receiver.received[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/hooks/sso");
    expect(header(request, "content-type")).toBe("application/json");
    expect(header(request, "x-webhook-event")).toBe("webhook.test");
    expect(header(request, "x-webhook-id")).not.toBe("");
    expect(header(request, "x-webhook-signature")).toMatch(/^v1=[0-9a-f]{64}$/);
    const signed = { timestamp: header(request, "x-webhook-timestamp"), body: request.body, signature: header(request, "x-webhook-signature") };
    expect(await verifySignature({ secret, ...signed }), "the signature checks out with the secret shown once").toBe(true);
    expect(await verifySignature({ secret: `${secret}x`, ...signed }), "and not with another secret").toBe(false);
    expect(await verifySignature({ secret, ...signed, body: `${request.body} ` }), "nor for another body").toBe(false);
    const payload = JSON.parse(request.body) as { id: string; kind: string; groupId: string; connectionId: string };
    expect(payload).toMatchObject({ kind: "webhook.test", groupId, connectionId });

    // The delivery log follows live: succeeded, with the receiver's answer.
    const deliveries = endpoint.getByTestId("delivery");
    await expect(deliveries).toHaveCount(1);
    await expect(deliveries.first()).toHaveAttribute("data-status", "succeeded");
    await expect(deliveries.first()).toContainText("Succeeded");
    await expect(deliveries.first()).toContainText("Webhook test");
    await expect(deliveries.first().getByTestId("delivery-response")).toHaveText("HTTP 200");

    // Resend: a new delivery with the same body (receivers dedupe on its id).
    await deliveries.first().getByRole("button", { name: "Resend Webhook test delivery" }).click();
    await expect.poll(() => receiver.received.length, { message: "the receiver got the resend", timeout: 20_000 }).toBe(2);
    expect(receiver.received[1]!.body).toBe(request.body);
    expect(header(receiver.received[1]!, "x-webhook-id")).not.toBe(header(request, "x-webhook-id"));
    await expect(deliveries).toHaveCount(2);
    await expect(endpoint.locator('[data-testid="delivery"][data-status="succeeded"]')).toHaveCount(2);

    // Rotating (after a confirmation) shows the new secret once; from then on only it verifies.
    await endpoint.getByRole("button", { name: /^Rotate secret/ }).click();
    const rotateDialog = page.getByRole("dialog", { name: "Rotate the signing secret?" });
    await rotateDialog.getByRole("button", { name: "Rotate secret" }).click();
    const newSecretDialog = page.getByRole("dialog", { name: "New signing secret" });
    const rotated = await newSecretDialog.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await newSecretDialog.getByRole("button", { name: "Done" }).click();
    await expect(newSecretDialog).toBeHidden();
    await endpoint.getByRole("button", { name: /^Send test event/ }).click();
    await expect.poll(() => receiver.received.length, { message: "the receiver got the second test", timeout: 20_000 }).toBe(3);
    const third = receiver.received[2]!;
    const thirdSigned = { timestamp: header(third, "x-webhook-timestamp"), body: third.body, signature: header(third, "x-webhook-signature") };
    expect(await verifySignature({ secret: rotated, ...thirdSigned }), "signed with the rotated secret").toBe(true);
    expect(await verifySignature({ secret, ...thirdSigned }), "not with the old one").toBe(false);
    await expect(endpoint.locator('[data-testid="delivery"][data-status="succeeded"]')).toHaveCount(3);

    // Disabling (destructive, confirmed) stops it: no more actions, the log stays readable.
    await endpoint.getByRole("button", { name: /^Disable/ }).click();
    await page.getByRole("dialog", { name: "Disable this endpoint?" }).getByRole("button", { name: "Disable endpoint" }).click();
    await expect(endpoint).toHaveAttribute("data-status", "disabled");
    await expect(endpoint.getByRole("button", { name: /^Send test event/ })).toHaveCount(0);
    await expect(endpoint.getByRole("button", { name: /^Resend/ })).toHaveCount(0);
    await expect(deliveries).toHaveCount(3);
  } finally {
    await receiver.close();
  }

  // The endpoint's life is in the audit log too, with its URL.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(0)).toHaveAttribute("data-kind", "webhook.endpoint.disabled");
  await expect(rows.nth(1)).toHaveAttribute("data-kind", "webhook.endpoint.rotated");
  await expect(rows.nth(2)).toHaveAttribute("data-kind", "webhook.endpoint.created");
  await rows.nth(2).click();
  await expect(page.getByRole("dialog", { name: "Webhook endpoint created" })).toContainText(receiver.url);
  await page.keyboard.press("Escape");

  // Live: events recorded elsewhere appear at once. Paginated: a fresh load shows 25, then "Load more".
  const elsewhere = await convexAs(context);
  for (let index = 0; index < 25; index++) {
    await elsewhere.mutation(api.auth.group.updatePolicy, { groupId, data: { scimReuse: index % 2 === 1 } });
  }
  // A deployment keeps the loaded page's range and grows it to 30 rows; the embedded backend (no query journals)
  // re-reads the newest 25. Either way the 25 new events are at the top without a reload.
  await expect(rows.nth(24)).toHaveAttribute("data-kind", "policy.updated");
  await expect(rows.first()).toHaveAttribute("data-kind", "policy.updated");
  await page.reload();
  await expect(rows).toHaveCount(25);
  await expect(page.getByTestId("audit-count")).toHaveText("25 events loaded · more below");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(31);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(rows.last()).toHaveAttribute("data-kind", "connection.created");
});

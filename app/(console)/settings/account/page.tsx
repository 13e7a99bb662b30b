import type { Metadata } from "next";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../_lib/preload";
import { AccountView } from "./_components/account-view";

export const metadata: Metadata = { title: "Account · Convex Group SSO" };

export default async function AccountPage() {
  const preloadedViewer = await preloadForConsole(api.users.viewer, {});
  return <AccountView preloadedViewer={preloadedViewer} />;
}

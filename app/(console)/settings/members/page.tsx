import type { Metadata } from "next";
import { api } from "@/convex/_generated/api";
import { preloadForConsole } from "../../_lib/preload";
import { MembersView } from "./_components/members-view";

export const metadata: Metadata = { title: "Members · Convex Group SSO" };

export default async function MembersPage() {
  const preloadedGroup = await preloadForConsole(api.groups.active, {});
  return <MembersView preloadedGroup={preloadedGroup} />;
}

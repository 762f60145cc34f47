<#-- A standard wg-quick file. PrivateKey and PresharedKey are placeholders: the host fills them in from
     its own key files at install time, so no secret is ever in a rendered file. -->
# Managed by wgform: plane ${iface.plane} on ${host.name}. Changes made here are overwritten.
[Interface]
Address = ${iface.address}
<#if iface.listenPort??>
ListenPort = ${iface.listenPort}
</#if>
<#if iface.mtu??>
MTU = ${iface.mtu}
</#if>
<#if iface.dns?has_content>
DNS = ${iface.dns?join(", ")}
</#if>
PrivateKey = ${iface.privateKey}
<#if iface.forwarding>
# Forwarding for peers; left on at PostDown because other interfaces may rely on it.
<#list iface.forwardingSysctls as setting>
PostUp = sysctl -q -w ${setting}
</#list>
</#if>
<#list iface.peers as peer>

[Peer]
# ${peer.host}
PublicKey = ${peer.publicKey}
<#if peer.presharedKey??>
PresharedKey = ${peer.presharedKey}
</#if>
AllowedIPs = ${peer.allowedIps}
<#if peer.endpoint??>
Endpoint = ${peer.endpoint}
</#if>
<#if peer.keepalive??>
PersistentKeepalive = ${peer.keepalive}
</#if>
</#list>

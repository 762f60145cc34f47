<#-- An admin workstation's own wg-quick file (wgform workstation). The private key is not in it: PostUp loads it
     from its 0600 key file beside this one, so this file can be shown and copied. No PresharedKey: a workstation's
     peers have none. -->
# Written by wgform workstation: ${workstation.name} on plane ${workstation.plane}. Run again to refresh it.
[Interface]
Address = ${workstation.address}
PostUp = wg set %i private-key ${workstation.privateKeyPath}
<#list workstation.peers as peer>

[Peer]
# ${peer.host}
PublicKey = ${peer.publicKey}
AllowedIPs = ${peer.allowedIps}
Endpoint = ${peer.endpoint}
PersistentKeepalive = ${peer.keepalive}
</#list>

<#-- wgform's own nftables table. Declaring and flushing it first makes `nft -f` replace only this table, atomically. -->
<#assign pub = firewall.publicInterface>
#!/usr/sbin/nft -f
# Managed by wgform: firewall of ${host.name} (policy ${firewall.policy}). Changes made here are overwritten.
table inet wgform
flush table inet wgform

table inet wgform {
	chain input {
		type filter hook input priority 0; policy accept;
		iifname "lo" accept
		ct state established,related accept
		iifname { <#list firewall.planeInterfaces as name>"${name}"<#sep>, </#list> } accept
<#if firewall.wireguardPorts?has_content>
		iifname "${pub}" udp dport { ${firewall.wireguardPorts?join(", ")} } accept
</#if>
<#if firewall.publicTcp?has_content>
		iifname "${pub}" tcp dport { ${firewall.publicTcp?join(", ")} } accept
</#if>
<#if firewall.publicUdp?has_content>
		iifname "${pub}" udp dport { ${firewall.publicUdp?join(", ")} } accept
</#if>
<#if firewall.keepPublicSsh>
		iifname "${pub}" tcp dport ${firewall.sshPort} accept
</#if>
<#if firewall.stealth>
		# IPv6 needs neighbour discovery and DHCPv6 replies, which connection tracking does not expect
		iifname "${pub}" icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert } accept
		iifname "${pub}" ip6 saddr fe80::/10 udp dport 546 accept
		iifname "${pub}" drop
</#if>
	}
<#if firewall.masquerade?has_content>

	chain postrouting {
		type nat hook postrouting priority 100; policy accept;
<#list firewall.masquerade as source>
		oifname "${pub}" ${source.family} saddr ${source.subnet} masquerade
</#list>
	}
</#if>
}

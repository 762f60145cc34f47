# Managed by wgform: sshd of ${host.name}. Changes made here are overwritten.
<#if service.extraListenAddresses?has_content>
# sshd listens on its ${service.plane} plane address, and where wgform reaches it while keep_public_ssh is set.
<#else>
# sshd listens on its ${service.plane} plane address only.
</#if>
<#list service.listenAddresses as address>
ListenAddress ${address}
</#list>

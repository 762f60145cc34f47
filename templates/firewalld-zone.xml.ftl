<?xml version="1.0" encoding="utf-8"?>
<#-- One firewalld zone; wgform writes two: its public zone and a trusted zone for the plane interfaces.
     Values are XML-escaped automatically (templates named *.xml.ftl use the XML output format). -->
<!-- Managed by wgform: zone ${zone.name} of ${host.name}. Changes made here are overwritten. -->
<zone target="${zone.target}">
  <short>${zone.short}</short>
  <description>${zone.description}</description>
<#list zone.interfaces as name>
  <interface name="${name}"/>
</#list>
<#list zone.services as service>
  <service name="${service}"/>
</#list>
<#list zone.ports as port>
  <port protocol="${port.protocol}" port="${port.port}"/>
</#list>
<#if zone.forward>
  <forward/>
</#if>
<#list zone.masquerade as source>
  <rule family="${source.family}">
    <source address="${source.subnet}"/>
    <masquerade/>
  </rule>
</#list>
</zone>

package io.crawlify.model;

import io.crawlify.model.breaker.BreakerConfig;
import io.crawlify.model.breaker.BreakerOverride;
import io.crawlify.model.breaker.BreakerState;
import io.crawlify.model.crawl.BrowserOptions;
import io.crawlify.model.crawl.ClickNode;
import io.crawlify.model.crawl.CrawlConfig;
import io.crawlify.model.crawl.ExtractLinksNode;
import io.crawlify.model.crawl.ExtractNode;
import io.crawlify.model.crawl.FailureThreshold;
import io.crawlify.model.crawl.FieldSpec;
import io.crawlify.model.crawl.NavigateNode;
import io.crawlify.model.crawl.NodeSpec;
import io.crawlify.model.crawl.Phase;
import io.crawlify.model.crawl.RateLimit;
import io.crawlify.model.crawl.RepeatNode;
import io.crawlify.model.crawl.ScreenshotNode;
import io.crawlify.model.crawl.ScriptNode;
import io.crawlify.model.crawl.ScrollNode;
import io.crawlify.model.crawl.TypeNode;
import io.crawlify.model.crawl.WaitNode;
import io.crawlify.model.message.PageTask;
import io.crawlify.model.message.StepEvent;
import io.crawlify.model.message.StepTask;
import io.crawlify.model.message.PageEvent;
import io.crawlify.model.step.CommandConfig;
import io.crawlify.model.step.ConditionConfig;
import io.crawlify.model.step.ForEachConfig;
import io.crawlify.model.step.HttpAuth;
import io.crawlify.model.step.HttpRequestConfig;
import io.crawlify.model.step.NestedStep;
import io.crawlify.model.step.ResponseType;
import io.crawlify.model.step.TransformConfig;
import io.crawlify.model.step.ValidateConfig;
import io.crawlify.model.step.WaitConfig;
import io.crawlify.model.step.WebhookCallConfig;
import io.crawlify.model.template.TemplateParameter;
import io.crawlify.model.template.WorkflowTemplate;
import io.crawlify.model.trigger.EventTrigger;
import io.crawlify.model.trigger.ScheduleTrigger;
import io.crawlify.model.trigger.TriggerSpec;
import io.crawlify.model.trigger.WebhookTrigger;
import io.crawlify.model.error.ValidationError;
import io.crawlify.model.workflow.RetryPolicy;
import io.crawlify.model.workflow.StepDefinition;
import io.crawlify.model.workflow.WorkflowDefinition;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The shared-model types Jackson binds (messages, definitions, configs, API bodies), registered once for both
 * services' native images: Quarkus reads this annotation from the shared-model jar, which both services index
 * ({@code quarkus.index-dependency.shared-model.*}). {@code NativeReflectionTest} fails when a record or enum of
 * the model is neither listed here nor named there as never bound.
 */
@RegisterForReflection(targets = {
        // Wire messages
        PageTask.class, PageEvent.class, PageEvent.Type.class, StepTask.class, StepEvent.class, StepEvent.Type.class,
        // Workflow definitions
        WorkflowDefinition.class, StepDefinition.class, RetryPolicy.class, RetryPolicy.Strategy.class,
        // Crawl configuration
        CrawlConfig.class, CrawlConfig.Renderer.class, Phase.class, NodeSpec.class, NavigateNode.class,
        ExtractNode.class, ExtractLinksNode.class, FieldSpec.class, RateLimit.class, FailureThreshold.class,
        WaitNode.class, ClickNode.class, TypeNode.class, ScrollNode.class, ScreenshotNode.class, ScriptNode.class,
        ScriptNode.As.class, RepeatNode.class, BrowserOptions.class, BrowserOptions.Session.class,
        BrowserOptions.Viewport.class,
        // Step configuration
        HttpRequestConfig.class, WebhookCallConfig.class, HttpAuth.class, HttpAuth.Type.class, ResponseType.class,
        TransformConfig.class, ConditionConfig.class, ForEachConfig.class, NestedStep.class, WaitConfig.class,
        ValidateConfig.class, CommandConfig.class,
        // JSONata calls its built-in functions ($sum, $map, ...) by reflection on this class.
        com.dashjoin.jsonata.Functions.class,
        // Circuit breakers, templates, triggers, validation errors
        BreakerConfig.class, BreakerOverride.class, BreakerState.class,
        TemplateParameter.class, WorkflowTemplate.class,
        TriggerSpec.class, WebhookTrigger.class, ScheduleTrigger.class, EventTrigger.class,
        ValidationError.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}

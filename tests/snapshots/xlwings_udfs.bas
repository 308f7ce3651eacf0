Function ces(scores, Optional scale, Optional method)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        ces = XLPy.CallUDF("xl_nps.udfs", "ces", Array(scores, scale, method), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        ces = XLPy.CallUDF("xl_nps.udfs", "ces", Array(scores, scale, method))
        Exit Function
    #End If
failed:
    ces = Err.Description
End Function

Function churn(at_start, at_end, Optional new_customers)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        churn = XLPy.CallUDF("xl_nps.udfs", "churn", Array(at_start, at_end, new_customers), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        churn = XLPy.CallUDF("xl_nps.udfs", "churn", Array(at_start, at_end, new_customers))
        Exit Function
    #End If
failed:
    churn = Err.Description
End Function

Function churn_annual(periodic_rate, Optional periods)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        churn_annual = XLPy.CallUDF("xl_nps.udfs", "churn_annual", Array(periodic_rate, periods), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        churn_annual = XLPy.CallUDF("xl_nps.udfs", "churn_annual", Array(periodic_rate, periods))
        Exit Function
    #End If
failed:
    churn_annual = Err.Description
End Function

Function churn_periodic(annual_rate, Optional periods)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        churn_periodic = XLPy.CallUDF("xl_nps.udfs", "churn_periodic", Array(annual_rate, periods), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        churn_periodic = XLPy.CallUDF("xl_nps.udfs", "churn_periodic", Array(annual_rate, periods))
        Exit Function
    #End If
failed:
    churn_periodic = Err.Description
End Function

Function clv(lifespan, avg_purchase_value, purchase_frequency, Optional margin)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        clv = XLPy.CallUDF("xl_nps.udfs", "clv", Array(lifespan, avg_purchase_value, purchase_frequency, margin), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        clv = XLPy.CallUDF("xl_nps.udfs", "clv", Array(lifespan, avg_purchase_value, purchase_frequency, margin))
        Exit Function
    #End If
failed:
    clv = Err.Description
End Function

Function csat(scores, Optional scale)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        csat = XLPy.CallUDF("xl_nps.udfs", "csat", Array(scores, scale), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        csat = XLPy.CallUDF("xl_nps.udfs", "csat", Array(scores, scale))
        Exit Function
    #End If
failed:
    csat = Err.Description
End Function

Function enps_benchmark(Optional group)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        enps_benchmark = XLPy.CallUDF("xl_nps.udfs", "enps_benchmark", Array(group), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        enps_benchmark = XLPy.CallUDF("xl_nps.udfs", "enps_benchmark", Array(group))
        Exit Function
    #End If
failed:
    enps_benchmark = Err.Description
End Function

Function enps_rating(enps_value)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        enps_rating = XLPy.CallUDF("xl_nps.udfs", "enps_rating", Array(enps_value), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        enps_rating = XLPy.CallUDF("xl_nps.udfs", "enps_rating", Array(enps_value))
        Exit Function
    #End If
failed:
    enps_rating = Err.Description
End Function

Function lifetime(active_by_period, Optional discount)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        lifetime = XLPy.CallUDF("xl_nps.udfs", "lifetime", Array(active_by_period, discount), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        lifetime = XLPy.CallUDF("xl_nps.udfs", "lifetime", Array(active_by_period, discount))
        Exit Function
    #End If
failed:
    lifetime = Err.Description
End Function

Function nps(scores, Optional weights)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps = XLPy.CallUDF("xl_nps.udfs", "nps", Array(scores, weights), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps = XLPy.CallUDF("xl_nps.udfs", "nps", Array(scores, weights))
        Exit Function
    #End If
failed:
    nps = Err.Description
End Function

Function nps_benchmark(Optional industry)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_benchmark = XLPy.CallUDF("xl_nps.udfs", "nps_benchmark", Array(industry), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_benchmark = XLPy.CallUDF("xl_nps.udfs", "nps_benchmark", Array(industry))
        Exit Function
    #End If
failed:
    nps_benchmark = Err.Description
End Function

Function nps_by(scores, groups, Optional min_n)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_by = XLPy.CallUDF("xl_nps.udfs", "nps_by", Array(scores, groups, min_n), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_by = XLPy.CallUDF("xl_nps.udfs", "nps_by", Array(scores, groups, min_n))
        Exit Function
    #End If
failed:
    nps_by = Err.Description
End Function

Function nps_category(score)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_category = XLPy.CallUDF("xl_nps.udfs", "nps_category", Array(score), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_category = XLPy.CallUDF("xl_nps.udfs", "nps_category", Array(score))
        Exit Function
    #End If
failed:
    nps_category = Err.Description
End Function

Function nps_ci(scores, Optional confidence, Optional method)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_ci = XLPy.CallUDF("xl_nps.udfs", "nps_ci", Array(scores, confidence, method), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_ci = XLPy.CallUDF("xl_nps.udfs", "nps_ci", Array(scores, confidence, method))
        Exit Function
    #End If
failed:
    nps_ci = Err.Description
End Function

Function nps_counts(scores)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_counts = XLPy.CallUDF("xl_nps.udfs", "nps_counts", Array(scores), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_counts = XLPy.CallUDF("xl_nps.udfs", "nps_counts", Array(scores))
        Exit Function
    #End If
failed:
    nps_counts = Err.Description
End Function

Function nps_followup(respondents, scores, comments, Optional category)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_followup = XLPy.CallUDF("xl_nps.udfs", "nps_followup", Array(respondents, scores, comments, category), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_followup = XLPy.CallUDF("xl_nps.udfs", "nps_followup", Array(respondents, scores, comments, category))
        Exit Function
    #End If
failed:
    nps_followup = Err.Description
End Function

Function nps_keywords(comments, Optional top_n, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_keywords = XLPy.CallUDF("xl_nps.udfs", "nps_keywords", Array(comments, top_n, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_keywords = XLPy.CallUDF("xl_nps.udfs", "nps_keywords", Array(comments, top_n, language))
        Exit Function
    #End If
failed:
    nps_keywords = Err.Description
End Function

Function nps_moe(scores, Optional confidence)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_moe = XLPy.CallUDF("xl_nps.udfs", "nps_moe", Array(scores, confidence), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_moe = XLPy.CallUDF("xl_nps.udfs", "nps_moe", Array(scores, confidence))
        Exit Function
    #End If
failed:
    nps_moe = Err.Description
End Function

Function nps_rating(nps_value)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_rating = XLPy.CallUDF("xl_nps.udfs", "nps_rating", Array(nps_value), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_rating = XLPy.CallUDF("xl_nps.udfs", "nps_rating", Array(nps_value))
        Exit Function
    #End If
failed:
    nps_rating = Err.Description
End Function

Function nps_sample_size(margin, Optional confidence, Optional population, Optional variance)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_sample_size = XLPy.CallUDF("xl_nps.udfs", "nps_sample_size", Array(margin, confidence, population, variance), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_sample_size = XLPy.CallUDF("xl_nps.udfs", "nps_sample_size", Array(margin, confidence, population, variance))
        Exit Function
    #End If
failed:
    nps_sample_size = Err.Description
End Function

Function nps_se(scores)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_se = XLPy.CallUDF("xl_nps.udfs", "nps_se", Array(scores), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_se = XLPy.CallUDF("xl_nps.udfs", "nps_se", Array(scores))
        Exit Function
    #End If
failed:
    nps_se = Err.Description
End Function

Function nps_test(scores_a, scores_b, Optional confidence, Optional method, Optional min_n)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_test = XLPy.CallUDF("xl_nps.udfs", "nps_test", Array(scores_a, scores_b, confidence, method, min_n), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_test = XLPy.CallUDF("xl_nps.udfs", "nps_test", Array(scores_a, scores_b, confidence, method, min_n))
        Exit Function
    #End If
failed:
    nps_test = Err.Description
End Function

Function nps_themes(comments, scores, Optional top_n, Optional language)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_themes = XLPy.CallUDF("xl_nps.udfs", "nps_themes", Array(comments, scores, top_n, language), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_themes = XLPy.CallUDF("xl_nps.udfs", "nps_themes", Array(comments, scores, top_n, language))
        Exit Function
    #End If
failed:
    nps_themes = Err.Description
End Function

Function nps_trend(scores, dates, Optional period, Optional min_n)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        nps_trend = XLPy.CallUDF("xl_nps.udfs", "nps_trend", Array(scores, dates, period, min_n), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        nps_trend = XLPy.CallUDF("xl_nps.udfs", "nps_trend", Array(scores, dates, period, min_n))
        Exit Function
    #End If
failed:
    nps_trend = Err.Description
End Function

Function participation(members, customers)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        participation = XLPy.CallUDF("xl_nps.udfs", "participation", Array(members, customers), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        participation = XLPy.CallUDF("xl_nps.udfs", "participation", Array(members, customers))
        Exit Function
    #End If
failed:
    participation = Err.Description
End Function

Function redemption(redeemed, issued)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        redemption = XLPy.CallUDF("xl_nps.udfs", "redemption", Array(redeemed, issued), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        redemption = XLPy.CallUDF("xl_nps.udfs", "redemption", Array(redeemed, issued))
        Exit Function
    #End If
failed:
    redemption = Err.Description
End Function

Function repeat_rate(customer_ids, Optional customers)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        repeat_rate = XLPy.CallUDF("xl_nps.udfs", "repeat_rate", Array(customer_ids, customers), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        repeat_rate = XLPy.CallUDF("xl_nps.udfs", "repeat_rate", Array(customer_ids, customers))
        Exit Function
    #End If
failed:
    repeat_rate = Err.Description
End Function

Function response_rate(responses, invited)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        response_rate = XLPy.CallUDF("xl_nps.udfs", "response_rate", Array(responses, invited), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        response_rate = XLPy.CallUDF("xl_nps.udfs", "response_rate", Array(responses, invited))
        Exit Function
    #End If
failed:
    response_rate = Err.Description
End Function

Function retention(at_start, at_end, Optional new_customers)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        retention = XLPy.CallUDF("xl_nps.udfs", "retention", Array(at_start, at_end, new_customers), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        retention = XLPy.CallUDF("xl_nps.udfs", "retention", Array(at_start, at_end, new_customers))
        Exit Function
    #End If
failed:
    retention = Err.Description
End Function

Function retention_fit(active_by_period)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        retention_fit = XLPy.CallUDF("xl_nps.udfs", "retention_fit", Array(active_by_period), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        retention_fit = XLPy.CallUDF("xl_nps.udfs", "retention_fit", Array(active_by_period))
        Exit Function
    #End If
failed:
    retention_fit = Err.Description
End Function

Function retention_forecast(active_by_period, periods_ahead)
    #If App = "Microsoft Excel" Then
        If TypeOf Application.Caller Is Range Then On Error GoTo failed
        retention_forecast = XLPy.CallUDF("xl_nps.udfs", "retention_forecast", Array(active_by_period, periods_ahead), ThisWorkbook, Application.Caller)
        Exit Function
    #Else
        retention_forecast = XLPy.CallUDF("xl_nps.udfs", "retention_forecast", Array(active_by_period, periods_ahead))
        Exit Function
    #End If
failed:
    retention_forecast = Err.Description
End Function

